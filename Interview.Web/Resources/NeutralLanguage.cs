using System.Resources;

// The resources without a culture suffix (Resources/*.resx) are the zh-CN text: a zh-CN request reads them directly,
// without looking for a satellite assembly.
[assembly: NeutralResourcesLanguage("zh-CN")]
