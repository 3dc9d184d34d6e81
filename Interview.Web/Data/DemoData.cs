using System.Globalization;
using System.Security.Cryptography;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Text;

namespace Interview.Web.Data;

/// <summary>
/// Fills an empty database with two columns and three sessions, one in each public state: a published archive
/// (文字实录) with questions in every decision state and one correction (勘误), a preview (预告), and a session that
/// is live now. Everything goes through the domain, so the data obeys the same lifecycle rules as real data. Times
/// are relative to the clock, so the demo always looks current.
/// </summary>
public static class DemoData
{
    private const string Moderator = "审核员";
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    public static async Task SeedAsync(
        InterviewDbContext db, MarkdownRenderer renderer, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(clock);
        var seed = new Seeder(db, renderer, clock.GetUtcNow().ToOffset(BeijingOffset), cancellationToken);

        var health = Column.Create("卫健在线", "health", "聚焦疾病预防、医疗服务和健康政策，邀请卫生健康部门负责人与网友在线交流。", 0);
        var policy = Column.Create("政策解读", "policy", "邀请政策制定和执行部门负责人解读新出台的政策措施，回应群众关切。", 1);
        db.Columns.AddRange(health, policy);
        await seed.SaveAsync();

        await SeedFluArchiveAsync(seed, health.Id);
        await SeedInsurancePreviewAsync(seed, policy.Id);
        await SeedFamilyDoctorLiveAsync(seed, health.Id);

        // A sample sensitive-word list, so that a question typed into the demo shows how flags look to moderators.
        db.WordLists.Add(Domain.Screening.WordList.Create("广告与诈骗（示例词表）", null, ["代开发票", "刷单返利", "加微信", "贷款秒批"],
            "demo@example.gov.cn", seed.Now));
        await seed.SaveAsync();
    }

    /// <summary>A published session 20 days ago: 31 entries, 10 questions answered live, 2 merged, 2 rejected, 1 open.</summary>
    private static async Task SeedFluArchiveAsync(Seeder seed, int columnId)
    {
        var day = seed.Day(-20);
        DateTimeOffset At(int minute, int second = 0) => day.AddHours(10).AddMinutes(minute).AddSeconds(second);

        var session = InterviewSession.Create(
            columnId,
            "科学防控秋冬季流感 守护全家健康",
            FluBackground(seed),
            At(0), At(60), day.AddDays(-10).AddHours(9).AddMinutes(30));
        var cdc = session.AddGuest(
            "李卫东", "市疾病预防控制中心主任", "市疾病预防控制中心",
            "公共卫生硕士，主任医师。长期从事传染病防控和免疫规划工作，多次参与全市突发公共卫生事件的现场处置。现主持全市传染病监测预警和预防接种管理工作。",
            session.CreatedAt);
        var doctor = session.AddGuest(
            "王敏", "市第一人民医院呼吸与危重症医学科主任", "市第一人民医院",
            "医学博士，主任医师，硕士研究生导师。从事呼吸系统疾病临床诊疗工作二十余年，擅长重症肺炎、慢性阻塞性肺疾病的诊治。兼任市医学会呼吸病学专科分会副主任委员。",
            session.CreatedAt);
        seed.Db.Interviews.Add(session);
        await seed.SaveAsync();
        session.TransitionTo(InterviewStatus.Scheduled, day.AddDays(-8).AddHours(16));

        // Questions sent in while the preview was up, and a few during the hour.
        var where = seed.Ask(session, "市民小王", "今年的流感疫苗什么时候可以打？在哪里打？需要提前预约吗？", day.AddDays(-7).AddHours(20).AddMinutes(13));
        var elderly = seed.Ask(session, "退休教师老张", "我今年68岁，有高血压和糖尿病，可以打流感疫苗吗？老年人打疫苗有没有免费政策？", day.AddDays(-6).AddHours(9).AddMinutes(2));
        var child = seed.Ask(session, "宝妈李女士", "我是城东实验幼儿园小二班的家长，孩子3岁，第一次打流感疫苗要打几针？和其他疫苗能不能一起打？", day.AddDays(-5).AddHours(21).AddMinutes(47));
        var account = seed.Ask(session, "上班族陈先生", "医保个人账户里的钱能不能用来打流感疫苗？能不能给家里老人孩子用？", day.AddDays(-3).AddHours(12).AddMinutes(30));
        var fever = seed.Ask(session, "晨跑爱好者", "发烧38.5度，全身酸痛，需要马上去医院吗？还是在家观察就行？", day.AddDays(-2).AddHours(7).AddMinutes(15));
        var oseltamivir = seed.Ask(session, "新手爸爸小刘", "听说奥司他韦是治流感的特效药，家里能不能先备一些，孩子一发烧就吃？", day.AddDays(-1).AddHours(22).AddMinutes(8));
        var school = seed.Ask(session, "家长赵女士", "孩子班上好几个同学请假发烧，学校会怎么处理？需要停课吗？", At(-25));
        var ventilation = seed.Ask(session, "社区网格员老周", "冬天家里要不要一直开窗？戴口罩到底有没有用？", At(8, 40));
        var reinfection = seed.Ask(session, "市民孙先生", "上个月刚得过甲流，今年还需要打流感疫苗吗？", At(21, 5));
        var pregnancy = seed.Ask(session, "孕妈小陈", "怀孕5个月了，可以打流感疫苗吗？会不会影响宝宝？", At(30, 12));
        var whereAgain = seed.Ask(session, "市民刘阿姨", "流感疫苗在哪个医院打？要不要提前约？", day.AddDays(-4).AddHours(10).AddMinutes(21));
        var twoDoses = seed.Ask(session, "宝爸老吴", "小孩打流感疫苗是不是要打两针？", At(-40));
        var offTopic = seed.Ask(session, "路过的网友", "我们小区门口那条路挖了两个月了，什么时候能修好？", day.AddDays(-2).AddHours(18).AddMinutes(44));
        var personal = seed.Ask(session, "热心市民", "我把我妈的身份证号和手机号写在这里，麻烦帮忙查一下她医保卡里还有多少钱，能不能打疫苗。", At(15, 30));
        var workers = seed.Ask(session, "外卖小哥阿强", "我们送外卖的每天在外面跑，能不能由站点组织集中接种流感疫苗？费用怎么算？", At(45, 20));
        await seed.SaveAsync();

        foreach (var question in new[] { where, elderly, account, fever, oseltamivir })
        {
            question.Approve(Moderator, null, question.SubmittedAt.AddHours(2));
        }
        child.Approve(Moderator, "孩子3岁，第一次打流感疫苗要打几针？和其他疫苗能不能一起打？", child.SubmittedAt.AddHours(2));
        school.Approve(Moderator, null, At(-20));
        ventilation.Approve(Moderator, null, At(10));
        reinfection.Approve(Moderator, null, At(22, 30));
        pregnancy.Approve(Moderator, null, At(31, 40));
        workers.Approve(Moderator, null, At(47));
        whereAgain.MergeInto(where, Moderator, whereAgain.SubmittedAt.AddHours(1));
        twoDoses.MergeInto(child, Moderator, At(-35));
        offTopic.Reject(Moderator, RejectReason.OffTopic, "与本期访谈主题无关，建议通过12345政务服务便民热线反映。", offTopic.SubmittedAt.AddHours(14));
        personal.Reject(Moderator, RejectReason.PersonalData, "含个人身份信息，不宜公开；个人医保账户情况请通过医保服务热线查询。", At(16, 45));
        await seed.SaveAsync();

        session.TransitionTo(InterviewStatus.Live, At(0));
        var live = new Transcript(seed, session);
        live.Host(At(0), "各位网友大家好，欢迎收看本期《卫健在线》在线访谈。随着气温逐渐下降，我市即将进入流感高发季节，如何科学防控流感，是很多市民朋友关心的问题。今天我们邀请到市疾病预防控制中心主任李卫东、市第一人民医院呼吸与危重症医学科主任王敏做客访谈间，与大家在线交流。欢迎两位嘉宾！");
        live.Guest(cdc, At(1, 10), "主持人好，各位网友大家好！我是市疾控中心的李卫东。很高兴借这个机会和大家聊一聊秋冬季流感防控，也欢迎大家踊跃提问。");
        live.Guest(doctor, At(2, 5), "大家好，我是市第一人民医院呼吸与危重症医学科的王敏。今天我主要从临床角度，和大家谈谈流感的识别、就医和用药。");
        live.Host(At(3, 30), "李主任，请您先给大家介绍一下当前我市流感的流行形势。");
        var situation = live.Guest(cdc, At(5), """
            从全市流感监测情况看，近四周全市流感样病例占门诊就诊总数的比例为5.2%，呈逐周上升趋势。流行毒株以甲型H3N2亚型为主，同时检出少量乙型Victoria系病毒。按照往年规律，我市流感一般在12月至次年1月进入冬季流行高峰。

            这里特别提醒大家：**接种流感疫苗是预防流感最经济、最有效的手段**，老年人、儿童、孕妇和慢性病患者等重点人群尤其要尽早接种。
            """);
        live.Answer(where, At(7, 20), cdc, At(8, 30), """
            目前全市流感疫苗已陆续到货，接种工作已经全面开展。给大家提三点建议：

            1. **接种地点**：全市各社区卫生服务中心、乡镇卫生院的预防接种门诊都可以接种，部分医院也设有成人接种门诊。
            2. **预约方式**：建议通过本市预约挂号平台或拨打接种门诊电话提前预约，错峰前往，减少排队等候。
            3. **接种时间**：最好在流行季到来之前完成接种，接种后大约2到4周才能产生保护性抗体。

            接种时请携带身份证件，儿童请携带预防接种证。
            """);
        live.Answer(elderly, At(11), cdc, At(12, 15), """
            老年人和高血压、糖尿病等慢性病患者感染流感后，更容易出现肺炎等严重并发症，是我们建议优先接种的人群。只要血压、血糖控制平稳，处在病情稳定期，就可以接种；如果正处在急性发作期或者正在发热，应暂缓接种，等病情稳定后再接种。

            关于费用，我市已将**60岁及以上本市户籍老年人免费接种流感疫苗**纳入民生实事项目，老人凭身份证到社区卫生服务中心接种门诊即可免费接种。
            """);
        live.Answer(child, At(14, 40), cdc, At(16), """
            6月龄至8岁的儿童，如果是**第一次**接种流感疫苗，需要接种2剂，两剂间隔不少于4周；以前接种过的，每年接种1剂即可。3岁以上的孩子可以选择注射用的灭活疫苗，也可以选择鼻喷减毒活疫苗。

            流感灭活疫苗可以和其他灭活疫苗、减毒活疫苗在不同部位同时接种，具体请接种门诊的医生根据孩子的接种记录来安排。
            """);
        live.Answer(account, At(18, 30), cdc, At(19, 50), "按照我市医保政策，职工医保个人账户可以支付本人及其配偶、父母、子女在定点医药机构发生的个人负担费用，其中包括**接种非免疫规划疫苗**的费用，流感疫苗就在此列。接种时请在已开通个人账户支付的接种门诊出示医保电子凭证，具体以医保部门公布的政策为准。");
        live.Host(At(22), "王主任，很多网友分不清流感和普通感冒，您能给大家讲讲两者有什么区别吗？");
        live.Guest(doctor, At(23, 20), """
            流感和普通感冒是两种不同的疾病，主要有以下几点区别：

            1. **病原体不同**：流感由流感病毒引起，普通感冒多由鼻病毒、冠状病毒等引起。
            2. **起病快慢不同**：流感起病急，往往突然高热，体温可达39℃以上；普通感冒起病较缓，多为低热或不发热。
            3. **全身症状不同**：流感常伴有明显的头痛、全身肌肉酸痛、乏力；普通感冒以打喷嚏、鼻塞、流涕、咽痛等局部症状为主。
            4. **并发症不同**：流感可能引起肺炎、心肌炎等并发症，重点人群风险更高；普通感冒一般一周左右自愈。
            """);
        live.Answer(fever, At(26, 10), doctor, At(27, 30), """
            体温38.5℃、全身酸痛，要考虑流感的可能。青壮年、平时身体好的，可以先居家休息、多喝水，按需使用退热药，同时密切观察。出现下面任何一种情况，应当**及时就医**：

            1. 高热持续3天以上不退；
            2. 出现呼吸困难、气促、胸痛；
            3. 精神萎靡、嗜睡，或者意识不清；
            4. 原有的心肺疾病、糖尿病等基础病明显加重。

            老年人、孕妇、婴幼儿和慢性病患者属于高危人群，出现流感症状后建议尽早就医。
            """);
        live.Answer(oseltamivir, At(30, 40), doctor, At(32), "奥司他韦是抗流感病毒的**处方药**，必须在医生指导下使用。它在发病48小时内使用效果最好，但并不是所有发热都是流感，普通感冒和细菌感染用它没有效果，还可能出现恶心、呕吐等不良反应。我们不建议家庭自行囤药，更不建议孩子一发烧就吃或者预防性服用。孩子出现发热，建议先到医院明确诊断，再由医生决定是否用药、用多少剂量。");
        live.Answer(school, At(34, 15), cdc, At(35, 30), "学校和托幼机构在秋冬季要落实晨午检和因病缺勤病因追踪登记制度。一旦出现流感聚集性疫情，学校要及时向属地疾控机构报告，疾控机构会到现场调查处置，评估后提出班级停课等建议，由教育部门和学校决定是否停课。患病的孩子要居家休息，**体温恢复正常、其他流感症状消失48小时后**再返校，既有利于孩子康复，也能避免传染给其他同学。");
        live.Answer(ventilation, At(38), doctor, At(39, 20), """
            通风和戴口罩都很有用。冬天不需要一直开窗，建议每天开窗通风2到3次，每次20到30分钟，通风时注意给老人孩子保暖。

            口罩方面，在医院、公共交通工具、商场等人员密集的室内场所，建议佩戴口罩；出现发热、咳嗽等症状时，更要戴好口罩，减少传播。另外，咳嗽、打喷嚏时要用纸巾或肘部遮挡口鼻，勤用流动水洗手。
            """);
        live.Answer(reinfection, At(41, 30), cdc, At(42, 40), "需要打。流感病毒有甲型、乙型等多种型别和亚型，得过一次甲流，只对感染的那一种毒株产生一定免疫力，仍然可能感染其他型别的流感病毒。而且流感疫苗每年都会根据流行毒株进行调整。建议您在痊愈、身体恢复后尽快接种。");
        live.Answer(pregnancy, At(44, 50), doctor, At(46), "孕妇感染流感后发生重症的风险高于一般人群，是流感疫苗的优先接种对象。按照国家的技术指南，孕妇可以在**妊娠任何阶段**接种流感灭活疫苗，对胎儿是安全的，妈妈接种后产生的抗体还能通过胎盘给宝宝出生后前几个月提供一定保护。需要注意的是，鼻喷减毒活疫苗不适用于孕妇。接种前请和产科医生沟通。");
        live.Host(At(48, 30), "感谢两位嘉宾的详细解答。时间过得很快，最后请两位嘉宾各用一句话，给网友们提个醒。");
        live.Guest(cdc, At(49, 50), "流感防控，疫苗先行。请大家特别是家里的老人、孩子和慢性病患者尽早接种流感疫苗，为健康过冬筑牢防线。");
        live.Guest(doctor, At(51, 10), "出现流感症状要及时休息、科学就医，抗病毒药物请遵医嘱使用，不要自行囤药、乱用药。");
        live.Host(At(53), "感谢李主任、王主任做客访谈间，也感谢各位网友的积极参与！本期访谈中未能现场答复的问题，我们将在会后5个工作日内答复，网友可凭提问回执查询办理情况。本期《卫健在线》在线访谈到此结束，我们下期再见！");
        session.TransitionTo(InterviewStatus.Ended, At(56));
        // The delivery rider's question came too late to be put to the guests: it became a follow-up (会后答复 within five
        // working days, as the host promised) and the CDC answered it the next morning, before the archive went up.
        workers.BecomeFollowUp(day.AddDays(7).AddHours(23).AddMinutes(59));
        await seed.SaveAsync();
        live.FollowUp(workers, cdc, day.AddDays(1).AddHours(10).AddMinutes(15), """
            感谢您和外卖骑手朋友们的关心！快递、外卖等新业态从业人员流动性大、接触人员多，是我们推荐接种流感疫苗的重点人群。

            1. **集中接种**：配送站点可以联系所在辖区的社区卫生服务中心，预约上门或到站点集中接种，接种门诊会根据人数安排时间；
            2. **费用**：流感疫苗属于非免疫规划疫苗，按自愿自费原则接种；职工医保参保人员可以使用个人账户支付，部分平台企业也为骑手提供了接种补贴，请向所在站点了解。
            """);
        await seed.SaveAsync();

        // The ILI figure was read out for all clinics rather than the sentinel hospitals; staff corrected it later.
        var correctedAt = day.AddDays(1).AddHours(9).AddMinutes(40);
        situation.Correct(seed.Render("""
            从全市流感监测情况看，近四周全市哨点医院报告的流感样病例占门诊就诊总数的比例（ILI%）为4.6%，呈逐周上升趋势。流行毒株以甲型H3N2亚型为主，同时检出少量乙型Victoria系病毒。按照往年规律，我市流感一般在12月至次年1月进入冬季流行高峰。

            这里特别提醒大家：**接种流感疫苗是预防流感最经济、最有效的手段**，老年人、儿童、孕妇和慢性病患者等重点人群尤其要尽早接种。
            """), "更正数据口径", correctedAt);
        session.RecordCorrection(situation, correctedAt);
        // The summary (访谈摘要) is written once the hour is over, from what was said; the background stays as it was.
        session.Describe(session.Title, FluBackground(seed), FluSummary(seed), day.AddDays(1).AddHours(15));
        session.TransitionTo(InterviewStatus.Published, day.AddDays(1).AddHours(16));
        await seed.SaveAsync();
    }

    private static RenderedText FluBackground(Seeder seed) => seed.Render("""
        秋冬季是流感等呼吸道传染病的高发季节。本期访谈邀请市疾病预防控制中心和市第一人民医院的专家，介绍今冬流感流行形势、疫苗接种安排和就医用药常识，并回答网友提问。
        """);

    private static RenderedText FluSummary(Seeder seed) => seed.Render("""
            本期访谈围绕秋冬季流感防控，市疾病预防控制中心主任李卫东、市第一人民医院呼吸与危重症医学科主任王敏做客访谈间，与网友在线交流。

            - **流行形势**：近期全市哨点医院报告的流感样病例比例呈上升趋势，流行毒株以甲型H3N2亚型为主，按往年规律12月至次年1月将进入流行高峰。
            - **疫苗接种**：各社区卫生服务中心、乡镇卫生院预防接种门诊均可接种流感疫苗，建议在流行季到来前完成接种；60岁及以上本市户籍老年人可免费接种，职工医保个人账户可支付本人及家属的接种费用。
            - **就医指引**：流感起病急、全身症状重，出现持续高热、呼吸困难、胸痛、精神萎靡等情况应及时就医；奥司他韦等抗病毒药物须在医生指导下使用，不建议自行囤药或预防性服用。
            - **校园防控**：学校落实晨午检和因病缺勤追踪登记，出现聚集性疫情由疾控机构评估后采取措施；患病学生体温恢复正常、症状消失48小时后方可返校。
            - **日常防护**：勤洗手、常通风，在人员密集场所和就医时佩戴口罩，咳嗽、打喷嚏时注意遮挡口鼻。
            """);

    /// <summary>A preview five days ahead, with two guests, background material and two questions awaiting review.</summary>
    private static async Task SeedInsurancePreviewAsync(Seeder seed, int columnId)
    {
        var day = seed.Day(5);
        var policyYear = (day.Month >= 7 ? day.Year + 1 : day.Year).ToString(CultureInfo.InvariantCulture);
        var session = InterviewSession.Create(
            columnId,
            $"{policyYear}年度城乡居民医保参保缴费政策解读",
            seed.Render($"""
                {policyYear}年度城乡居民基本医疗保险集中参保缴费工作即将开展。城乡居民医保是保障群众看病就医的基础性制度安排，按年度缴费、按年度享受待遇。

                本期访谈将围绕以下问题进行解读：

                1. **缴费标准和时间**：{policyYear}年度个人缴费标准、财政补助标准以及集中缴费期的安排；
                2. **缴费渠道**：税务部门线上缴费渠道、国家医保服务平台App、银行网点和村（社区）代收点等缴费方式；
                3. **参保激励**：对连续参保人员和当年未发生医保报销的人员，提高下一年度大病保险最高支付限额；
                4. **待遇等待期**：未在集中参保期内参保或断保后再参保的，设置待遇等待期；
                5. **困难群众资助**：特困人员、低保对象、防止返贫监测对象等由医疗救助按规定资助参保。

                欢迎网友提前留言提问，访谈中嘉宾将集中回应。
                """),
            day.AddHours(15), day.AddHours(16), seed.Day(-3).AddHours(10));
        session.AddGuest(
            "赵国强", "市医疗保障局副局长", "市医疗保障局",
            "经济学硕士。长期从事社会保障政策研究和医疗保障管理工作，参与制定本市基本医疗保险、大病保险和医疗救助等多项政策。现分管待遇保障和医药服务管理工作。",
            session.CreatedAt);
        session.AddGuest(
            "孙丽", "市医疗保险服务中心主任", "市医疗保险服务中心",
            "从事医保经办服务工作十五年，熟悉参保登记、待遇核定和异地就医结算等业务。近年来牵头推进医保服务“一网通办”和村（社区）医保服务站建设。",
            session.CreatedAt);
        seed.Db.Interviews.Add(session);
        await seed.SaveAsync();
        session.TransitionTo(InterviewStatus.Scheduled, seed.Day(-2).AddHours(16).AddMinutes(30));

        seed.Ask(session, "在外打工的小杨", "我在外地打工，户口在本市，今年的城乡居民医保可以在手机上交吗？", seed.Day(-1).AddHours(20).AddMinutes(36));
        seed.Ask(session, "新生儿爸爸", "孩子下个月出生，出生后多久内参保可以从出生当天开始报销？", seed.Now.AddHours(-5));
        await seed.SaveAsync();
    }

    /// <summary>A session that began 20 minutes ago: 7 entries so far, one question answered, two awaiting review.</summary>
    private static async Task SeedFamilyDoctorLiveAsync(Seeder seed, int columnId)
    {
        var now = seed.Now;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddMinutes(-20);
        DateTimeOffset At(int minute, int second = 0) => start.AddMinutes(minute).AddSeconds(second);

        var session = InterviewSession.Create(
            columnId,
            "家门口的健康守门人——家庭医生签约服务答网友问",
            seed.Render("""
                家庭医生签约服务是推进分级诊疗、让群众在家门口享受连续健康管理的重要举措。本期访谈邀请市卫生健康委员会基层卫生健康处和社区卫生服务中心负责人，介绍家庭医生签约服务的内容、签约方式和便民措施，并回答网友提问。
                """),
            start, start.AddMinutes(60), now.AddDays(-7));
        var official = session.AddGuest(
            "周建华", "市卫生健康委员会基层卫生健康处处长", "市卫生健康委员会",
            "公共管理硕士。长期从事基层卫生健康管理工作，参与推进本市社区卫生服务中心标准化建设和家庭医生签约服务。现负责全市基层医疗卫生服务体系建设和国家基本公共卫生服务项目管理。",
            session.CreatedAt);
        var clinic = session.AddGuest(
            "陈静", "城南街道社区卫生服务中心主任", "城南街道社区卫生服务中心",
            "全科主治医师。扎根社区卫生服务一线十余年，带领团队为辖区居民提供签约、慢病管理和上门服务，所在中心获评省级优质服务基层行示范单位。",
            session.CreatedAt);
        seed.Db.Interviews.Add(session);
        await seed.SaveAsync();
        session.TransitionTo(InterviewStatus.Scheduled, now.AddDays(-6));

        var signUp = seed.Ask(session, "城南居民黄大爷", "我和老伴都七十多岁了，怎么签约家庭医生？要花钱吗？", now.AddDays(-2).AddHours(-3));
        seed.Ask(session, "上班族小林", "我平时工作日没空，家庭医生周末能看病吗？能不能线上咨询？", At(14));
        seed.Ask(session, "二孩妈妈", "两个孩子能和我一起签约同一个家庭医生团队吗？", At(17, 30));
        await seed.SaveAsync();
        signUp.Approve(Moderator, null, now.AddDays(-1));
        await seed.SaveAsync();

        session.TransitionTo(InterviewStatus.Live, At(0));
        var live = new Transcript(seed, session);
        live.Host(At(0), "各位网友大家好，欢迎收看本期《卫健在线》在线访谈。今天我们邀请到市卫生健康委员会基层卫生健康处处长周建华、城南街道社区卫生服务中心主任陈静，围绕家庭医生签约服务与大家交流。欢迎两位嘉宾！");
        live.Guest(official, At(1, 30), """
            主持人好，网友们好！家庭医生签约服务，简单说就是由全科医生、护士、公共卫生人员等组成团队，与居民建立相对稳定的服务关系。签约后主要可以享受：

            1. **基本医疗**：常见病、多发病的诊疗和用药指导；
            2. **健康管理**：高血压、糖尿病等慢性病随访和健康评估；
            3. **转诊服务**：需要到大医院就诊时，优先预约专家号源和检查；
            4. **健康咨询**：通过电话、网络等方式提供日常健康咨询。
            """);
        live.Host(At(4), "陈主任，社区里的签约居民能享受到哪些实实在在的便利？");
        live.Guest(clinic, At(5, 20), "以我们中心为例，签约的慢性病患者病情稳定的，可以开具**长处方**，一次最多可以开12周的用药量，不用每个月跑医院；需要转诊到三级医院的，我们通过专用号源帮助预约；对行动不便的失能、半失能老人，家庭医生团队还会上门随访、提供康复指导。");
        live.Answer(signUp, At(9), official, At(11), """
            黄大爷您好！签约很方便：您和老伴带上身份证或医保卡，到居住地的社区卫生服务中心或村卫生室就可以办理，也可以请家庭医生团队上门签约。

            费用方面，签约服务费由医保基金、基本公共卫生服务经费等共同分担，**65岁及以上老年人每年还可以免费享受一次健康体检**，包括生活方式和健康状况评估、体格检查、血常规和肝肾功能等辅助检查。
            """);
        live.Host(At(15), "感谢周处长的解答。网友的提问很踊跃，我们继续回答网友提问。");
        await seed.SaveAsync();
    }

    /// <summary>The shared state of one seeding run and the helpers that act on it.</summary>
    private sealed class Seeder(InterviewDbContext db, MarkdownRenderer renderer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        public InterviewDbContext Db => db;

        /// <summary>The current time on Beijing time (UTC+8).</summary>
        public DateTimeOffset Now => now;

        /// <summary>Midnight, Beijing time, <paramref name="days"/> days from today.</summary>
        public DateTimeOffset Day(int days) => new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, BeijingOffset).AddDays(days);

        public RenderedText Render(string markdown) => renderer.Render(markdown);

        /// <summary>A citizen's text is never read as Markdown: it is published as the plain paragraphs they wrote.</summary>
        public RenderedText Plain(string text) => renderer.RenderPlain(text);

        public Question Ask(InterviewSession session, string nickname, string text, DateTimeOffset submittedAt)
        {
            var receipt = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
            var question = Question.Submit(session.Id, receipt, nickname, text, phone: null, submittedAt);
            db.Questions.Add(question);
            return question;
        }

        public Task SaveAsync() => db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Publishes a live session's entries in order, as the host and typist would.</summary>
    private sealed class Transcript(Seeder seed, InterviewSession session)
    {
        public TranscriptEntry Host(DateTimeOffset at, string markdown) => Add(EntryKind.Host, "", seed.Render(markdown), at, null, null);

        public TranscriptEntry Guest(Guest guest, DateTimeOffset at, string markdown) =>
            Add(EntryKind.Guest, guest.Name, seed.Render(markdown), at, guest.Id, null);

        /// <summary>The host puts an approved question to the guests; the guest answers and the question is marked answered.</summary>
        public TranscriptEntry Answer(Question question, DateTimeOffset askedAt, Guest guest, DateTimeOffset answeredAt, string markdown)
        {
            Add(EntryKind.Question, question.Nickname, seed.Plain(question.Text), askedAt, null, question.Id);
            var answer = Guest(guest, answeredAt, markdown);
            question.MarkAnswered(false, answeredAt);
            return answer;
        }

        /// <summary>A follow-up answer (会后答复) to a question left open when the session ended, published after it.</summary>
        public TranscriptEntry FollowUp(Question question, Guest guest, DateTimeOffset at, string markdown)
        {
            var answer = Add(EntryKind.FollowUp, guest.Name, seed.Render(markdown), at, guest.Id, question.Id);
            question.MarkAnswered(true, at);
            return answer;
        }

        private TranscriptEntry Add(EntryKind kind, string speaker, RenderedText text, DateTimeOffset at, int? guestId, int? questionId)
        {
            var entry = session.AppendEntry(kind, speaker, text, at, guestId, questionId);
            seed.Db.Entries.Add(entry);
            return entry;
        }
    }
}
