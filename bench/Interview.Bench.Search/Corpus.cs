using System.Text;

namespace Interview.Bench.Search;

/// <summary>
/// Chinese text like a live interview's: sentences composed of government-affairs words (each session has its own
/// topic of 30 of them), common words, and characters drawn by their frequency in modern Chinese (the 3,000 most
/// common, most frequent first), with some Latin and numbers (H1N1, 5G, APP, 12345), a few rare characters, and
/// punctuation. Lengths follow live entries: short host lines and questions, longer answers. Deterministic for a seed.
/// </summary>
public sealed class Corpus
{
    /// <summary>Government-affairs words, the most frequent overall first (Zipf).</summary>
    public static readonly string[] Domain = ("医保 社保 疫苗 养老 公积金 住房 就业 创业 补贴 政策 办理 申请 材料 窗口 社区 街道 城市 农村 教育 学校 医院 卫生 健康 交通 道路 环境 污染 治理 改革 " +
        "营商环境 一网通办 政务服务 老旧小区改造 垃圾分类 新能源汽车 充电桩 群众 企业 服务 部门 措施 落实 推进 加强 提高 保障 民生 实事 幼儿园 托育 义务教育 中考 高考 招生 学位 户籍 居住证 积分落户 人才引进 " +
        "住房补贴 公租房 保障性住房 物业管理 停车难 地铁 公交 出行 绿色低碳 空气质量 水质 河长制 生态环境 农业 乡村振兴 粮食安全 耕地保护 产业园区 招商引资 税收 减税降费 融资 贷款 小微企业 个体工商户 营业执照 " +
        "审批 备案 许可 证明材料 身份证 户口本 医疗 门诊 住院 报销 异地就医 药品集采 家庭医生 签约服务 慢性病 老年人 残疾人 低保 临时救助 退役军人 就业见习 职业技能培训 工资 劳动合同 欠薪 社会保险 缴费基数 待遇 " +
        "退休 养老金 流感 甲流 发热门诊 接种 预约 核酸 防控 监测 预警 应急 安全生产 食品安全 消防 燃气 电梯 违建 拆迁 征收 补偿 安置 棚户区 城中村 网格员 志愿者 养老服务 居家养老 日间照料 长期护理保险 " +
        "医共体 分级诊疗 互联网医院 电子健康卡 医保电子凭证 个人账户 门诊统筹 大病保险 医疗救助 生育保险 育儿补贴 三孩政策 托育机构 课后服务 双减 校外培训 学区 划片 入学 转学 随迁子女 职业教育 技工学校 " +
        "高校毕业生 灵活就业 新就业形态 外卖骑手 快递员 网约车 平台经济 数字经济 数字政府 智慧城市 大数据 政务数据 数据共享 电子证照 跨省通办 秒批 容缺受理 告知承诺制 首问负责 好差评 投诉举报 12345热线 " +
        "信访 法律援助 公共法律服务 矛盾纠纷 调解 治安 反诈 电信诈骗 养老诈骗 校园安全 未成年人保护 妇女儿童 家庭教育 文明城市 全民健身 体育场馆 图书馆 博物馆 文化惠民 旅游 景区 夜间经济 消费券 " +
        "稳就业 稳增长 扩内需 项目建设 重大项目 基础设施 轨道交通 高速公路 城市更新 海绵城市 地下管网 雨污分流 防汛 抗旱 气象 地质灾害 森林防火 秸秆禁烧 大气污染 扬尘 噪声 黑臭水体 垃圾处理 " +
        "农民工 工资支付 农村集体 宅基地 土地流转 高标准农田 种粮补贴 农机 特色产业 电商 直播带货 冷链物流 农产品 价格 物价 菜篮子 市场监管 产品质量 消费者权益 预付卡 退费 明码标价 " +
        "税务 个人所得税 专项附加扣除 发票 社保缴费 医保缴费 城乡居民 参保 断缴 补缴 转移接续 待遇领取 资格认证 养老金调整 工伤 失业保险 稳岗返还 技能补贴 创业担保贷款 住房公积金 提取 贷款额度 租房提取").Split(' ');

    /// <summary>Function words and the everyday words of a government interview, most frequent first.</summary>
    public static readonly string[] Common = ("的 的 的 的 的 了 了 是 是 是 在 在 和 和 我们 我们 也 对 要 将 等 有 为 把 从 向 按照 根据 通过 进一步 各位 这个 一些 可以 需要 应当 相关 主要 同时 特别 及时 积极 有关 " +
        "工作 问题 情况 方面 目前 今年 全市 全区 已经 进行 大家 网友 主任 同志 市民 单位 项目 资金 标准 范围 条件 流程 时间 地点 电话 网上 线上 线下 平台 系统 数据 信息 " +
        "这 那 就 都 还 没有 不 很 非常 一个 一下 什么 怎么 如何 为什么 哪里 多少 能不能 是否 如果 但是 因为 所以 而且 另外 首先 其次 最后 总之 感谢 谢谢 您好 请问 回答 提问 关于 针对 目前 近期 下一步 " +
        "我市 我区 本市 省里 国家 中央 文件 规定 要求 意见 通知 方案 办法 细则 标准 指南 制度 机制 体系 能力 水平 质量 效率 作用 意义 重点 难点 堵点 痛点 热点 关切").Split(' ');

    /// <summary>The 3,000 most common Chinese characters, most frequent first.</summary>
    public const string Chars = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍掏狄晰罕挽脾舟痴蔡剪脊弓懒叉拐喃僚捐姊骚拓歪粘柄坑陌窄湘兆崖骄刹鞭芒筋聘钩棍嚷腺弦焰耍俯厘愣厦恳饶钉寡憾摔叠惹喻谱愧煌徽溶坠煞巾滥洒堵瓷咒姨棒郡浴媚稣淮哎屁漆淫巢吩撰啸滞玫硕钓蝶膝姚茂躯吏猿寨恕渠戚辰舶颁惶狐讽笨袍嘲啡泼衔倦涵雀旬僵撕肢垄夷逸茅侨舆窑涅蒲谦杭噢弊勋刮郊凄捧浸砖鼎篮蒸饼亩肾陡爪兔殷贞荐哑炭坟眨搏咳拢舅昧擅爽咖搁禄雌哨巩绢螺裹昔轩谬谍龟媳姜瞎冤鸦蓬巷琳栽沾诈斋瞒彪厄咨纺罐桶壤糕颂膨谐垒咕隙辣绑宠嘿兑霉挫稽辐乞纱裙嘻哇绣杖塘衍轴攀膊譬斌祈踢肆坎轿棚泣屡躁邱凰溢椎砸趟帘帆栖窜丸斩堤塌贩厢掀喀乖谜捏阎滨虏匙芦苹卸沼钥株祷剖熙哗劈怯棠胳桩瑰娱娶沫嗓蹲焚淘嫩韵衬匈钧竖峻豹捞菊鄙魄兜哄颖镑屑蚁壶怡渗秃迦旱哟咸焉谴宛稻铸锻伽詹毙恍贬烛骇芯汁桓坊驴朽靖佣汝碌迄冀荆崔雁绅珊榜诵傍彦醇笛禽勿娟瞄幢寇睹贿踩霆呜拱妃蔑谕缚诡篷淹腕煮倩卒勘馨逗甸贱炒灿敞蜡囚栗辜垫妒魁谣寞蜀甩涯枕丐泳奎泌逾叮黛燥掷藉枢憎鲸弘倚侮藩拂鹤蚀浆芙垃烤晒霜剿蕴圾绸屿氢驼妆捆铅逛淑榴丙痒钞蹄犬躬昼藻蛛褐颊奠募耽蹈陋侣魅岚侄虐堕陛莹荫狡阀绞膏垮茎缅喇绒搅凳梭丫姬诏钮棺耿缔懈嫉灶匀嗣鸽澡凿纬沸畴刃遏烁嗅叭熬瞥骸奢拙栋毯桐砂莽泻坪梳杉晤稚蔬蝇捣顷麽尴镖诧尬硫嚼羡沦沪旷彬芽狸冥碳咧惕暑咯萝汹腥窥俺潭崎麟捡拯厥澄萎哉涡滔暇溯鳞酿茵愕瞅暮衙诫斧兮焕棕佑嘶妓喧蓉删樱伺嗡娥梢坝蚕敷澜杏绥冶庇挠搂倏聂婉噪稼鳍菱盏匿吱寝揽髓秉哺矢啪帜邵嗽挟缸揉腻驯缆晌瘫贮觅朦僻隋蔓咋嵌虔畔琐碟涩胧嘟蹦冢浏裔襟叨诀旭虾簿啤擒枣嘎苑牟呕骆凸熄兀喔裳凹赎屯膛浇灼裘砰棘橡碱聋姥瑜毋娅沮萌俏黯撇粟粪尹苟癫蚂禹廖俭帖煎缕窦簇棱叩呐瑶墅莺烫蛙歹伶葱哮眩坤廓讳啼乍瓣矫跋枉梗厕琢讥釉窟敛轼庐胚呻绰扼懿炯竿慷虞锤栓桨蚊磅孽惭戳禀鄂馈垣溅咚钙礁彰豁眯磷雯墟迂瞻颅琉悼蝴拣渺眷悯汰慑婶斐嘘镶炕宦趴绷窘襄珀嚣拚酌浊毓撼嗜扛峭磕翘槽淌栅颓熏瑛颐忖";

    public static readonly string[] Latin = "H1N1 5G APP CT PM2.5 GDP 12345 WiFi ETC AI O2O VR ID App 4S MRI B超 HPV 2025年 60岁 3个月 100元 80% 1.5万".Split(' ');

    public static readonly string[] Organizations = ("市医疗保障局 市人力资源和社会保障局 市住房和城乡建设局 市卫生健康委员会 市疾病预防控制中心 市教育局 " +
        "市公安局 市民政局 市交通运输局 市生态环境局 市市场监督管理局 市税务局 市发展和改革委员会 市农业农村局 市自然资源和规划局 " +
        "市应急管理局 市城市管理局 市政务服务和数据管理局 市住房公积金管理中心 市第一人民医院 市中心医院 市妇幼保健院 市司法局 " +
        "市退役军人事务局 市残疾人联合会 市总工会 市文化广电旅游局 市商务局 市科学技术局 市工业和信息化局").Split(' ');

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤";
    private const string GivenNames = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳晨阳文博";

    private readonly Random _random;
    private readonly double[] _domainCdf;
    private readonly double[] _commonCdf;
    private readonly double[] _charCdf;
    private readonly double[] _topicCdf = Zipf(TopicSize, 1.0);
    private int[] _topic = [];
    private const int TopicSize = 30;

    public Corpus(int seed)
    {
        _random = new Random(seed);
        _domainCdf = Zipf(Domain.Length, 1.0);
        _commonCdf = Zipf(Common.Length, 0.9);
        _charCdf = Zipf(Chars.Length, 1.0);
    }

    /// <summary>Starts a session: its topic is 30 government-affairs words drawn by their overall frequency.</summary>
    public void NextSession()
    {
        var words = new HashSet<int>();
        while (words.Count < TopicSize)
        {
            words.Add(Pick(_domainCdf));
        }
        _topic = [.. words];
        _random.Shuffle(_topic);
    }

    public string Title() => $"{TopicWord(0)}和{TopicWord(1)}{(_random.Next(2) == 0 ? "政策解读" : "在线访谈")}";

    public (string Name, string Position, string Organization) Guest()
    {
        var organization = Organizations[_random.Next(Organizations.Length)];
        var name = $"{Surnames[_random.Next(Surnames.Length)]}{GivenNames[_random.Next(GivenNames.Length)]}" +
                   (_random.Next(2) == 0 ? GivenNames[_random.Next(GivenNames.Length)].ToString() : "");
        return (name, organization + (_random.Next(2) == 0 ? "局长" : "副主任"), organization);
    }

    public string Nickname() => $"网友{_random.Next(1000, 99999)}";

    /// <summary>An entry's length in characters: host lines and questions are short, answers long.</summary>
    public int NextLength()
    {
        var kind = _random.NextDouble();
        var (median, spread) = kind < 0.25 ? (40, 0.5) : kind < 0.5 ? (60, 0.5) : (160, 0.7);
        return (int)Math.Clamp(median * Math.Exp(spread * Gaussian()), 8, 2000);
    }

    public string NextEntry() => NextText(NextLength());

    public string NextText(int length)
    {
        var text = new StringBuilder(length + 16);
        var sinceStop = 0;
        while (text.Length < length)
        {
            var before = text.Length;
            var r = _random.NextDouble();
            if (r < 0.40)
            {
                text.Append(Common[Pick(_commonCdf)]);
            }
            else if (r < 0.70)
            {
                text.Append(TopicWord(Pick(_topicCdf)));
            }
            else if (r < 0.975)
            {
                text.Append(Chars[Pick(_charCdf)]);
            }
            else if (r < 0.99)
            {
                text.Append(Latin[_random.Next(Latin.Length)]);
            }
            else
            {
                // Now and then any CJK character: the rare ones of names and places.
                text.Append((char)(0x4E00 + _random.Next(0x51A6)));
            }
            sinceStop += text.Length - before;
            if (sinceStop > 8 && _random.NextDouble() < 0.12)
            {
                var end = sinceStop > 25 && _random.NextDouble() < 0.5;
                text.Append(end ? (_random.NextDouble() < 0.85 ? '。' : '？') : _random.NextDouble() < 0.85 ? '，' : '、');
                sinceStop = end ? 0 : sinceStop;
            }
        }
        if (text[^1] is not ('。' or '？'))
        {
            text.Append('。');
        }
        return text.ToString();
    }

    private string TopicWord(int index) => Domain[_topic.Length > 0 ? _topic[index] : index];

    private static double[] Zipf(int n, double s)
    {
        var cdf = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, s);
            cdf[i] = sum;
        }
        for (var i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private int Pick(double[] cdf)
    {
        var index = Array.BinarySearch(cdf, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
    }

    private double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Sin(2 * Math.PI * u2);
    }
}
