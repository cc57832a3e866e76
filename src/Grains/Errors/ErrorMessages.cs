using System.Collections.Frozen;
using System.Globalization;

namespace ProcOrleans.Grains.Errors;

/// <summary>The message catalogues, by language, keyed by code.</summary>
public static class ErrorMessages
{
    public const string English = "en";
    public const string Chinese = "zh-cn";

    private static readonly FrozenDictionary<int, string> En = new Dictionary<int, string>
    {
        [ErrorCodes.Success] = "success",
        [ErrorCodes.JsonDecode] = "Deserializing JSON data failed",
        [ErrorCodes.ParamInvalid] = "'{0}' data parameter verification does not pass",
        [ErrorCodes.NotString] = "'{0}' must be a string type",
        [ErrorCodes.NotInteger] = "'{0}' parameters must be integral",
        [ErrorCodes.Unassigned] = "'{0}' unassigned",
        [ErrorCodes.ParamMissing] = "'{0}' the parameter is invalid or does not exist",
        [ErrorCodes.Duplicated] = "duplicated instances exist, fields [{0}] duplicated",
        [ErrorCodes.OutOfBounds] = "'{0}' data out of bounds",
        [ErrorCodes.NotFound] = "No relevant data found",
        [ErrorCodes.NotBoolean] = "'{0}' must be boolean",
        [ErrorCodes.ExceedLimit] = "{0} exceed the limit {1}",
        [ErrorCodes.TemplateInstanceForbidden] = "create or update process instance under service instance create by template forbidden",
        [ErrorCodes.TemplateProcessDeleteForbidden] = "process [{0}] created by template is forbidden to delete",
        [ErrorCodes.DuplicatedCategoryName] = "service caetgory name [{0}] duplicated",
        [ErrorCodes.BuiltInForbidden] = "operate built-in object forbidden",
        [ErrorCodes.HasChildren] = "forbidden remove item with child node",
        [ErrorCodes.Referenced] = "remove referenced record forbidden",
        [ErrorCodes.NotLeaf] = "only leaf node available",
        [ErrorCodes.DeleteServiceTemplateFailed] = "delete service template failed",
        [ErrorCodes.PageLimitExceeded] = "page limit is exceeded. suggestion 200",
        [ErrorCodes.AppAuthFailed] = "app authentication failed",
        [ErrorCodes.PermissionDenied] = "Do not have access permission.",
        [ErrorCodes.Unknown] = "Unknown or unrecognized error",
        [ErrorCodes.ConcurrentWrite] = "the service instance was changed concurrently, please retry",
        [ErrorCodes.StorageUnavailable] = "storage is unavailable, please retry later",
        [ErrorCodes.Timeout] = "the request timed out, please retry",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<int, string> ZhCn = new Dictionary<int, string>
    {
        [ErrorCodes.Success] = "success",
        [ErrorCodes.JsonDecode] = "反序列化JSON数据失败",
        [ErrorCodes.ParamInvalid] = "'{0}' 数据参数校验不通过",
        [ErrorCodes.NotString] = "'{0}' 必须为字符类型",
        [ErrorCodes.NotInteger] = "'{0}' 参数必须为整数类型",
        [ErrorCodes.Unassigned] = "'{0}' 未赋值",
        [ErrorCodes.ParamMissing] = "'{0}' 参数不合法或不存在",
        [ErrorCodes.Duplicated] = "重复的实例，字段 [{0}] 重复",
        [ErrorCodes.OutOfBounds] = "'{0}' 数据超出范围",
        [ErrorCodes.NotFound] = "没有找到相关数据",
        [ErrorCodes.NotBoolean] = "'{0}' 必须是布尔类型",
        [ErrorCodes.ExceedLimit] = "{0} 超过了最大限制 {1}",
        [ErrorCodes.TemplateInstanceForbidden] = "禁止在通过模板创建的服务实例下创建或更新进程实例",
        [ErrorCodes.TemplateProcessDeleteForbidden] = "进程 [{0}] 通过模板创建，禁止删除",
        [ErrorCodes.DuplicatedCategoryName] = "服务分类名称【{0}】重复",
        [ErrorCodes.BuiltInForbidden] = "内置结点，禁止删除",
        [ErrorCodes.HasChildren] = "禁止父结点记录",
        [ErrorCodes.Referenced] = "禁止删除被引用记录",
        [ErrorCodes.NotLeaf] = "仅允许使用叶子结点服务分类",
        [ErrorCodes.DeleteServiceTemplateFailed] = "删除服务模板失败",
        [ErrorCodes.PageLimitExceeded] = "分页查询数量超过限制的最大值, 建议值200",
        [ErrorCodes.AppAuthFailed] = "应用认证失败",
        [ErrorCodes.PermissionDenied] = "没有访问权限",
        [ErrorCodes.Unknown] = "未知或未识别的错误",
        [ErrorCodes.ConcurrentWrite] = "服务实例被并发修改，请重试",
        [ErrorCodes.StorageUnavailable] = "存储不可用，请稍后重试",
        [ErrorCodes.Timeout] = "请求超时，请重试",
    }.ToFrozenDictionary();

    /// <summary>Every code the service can answer.</summary>
    public static IEnumerable<int> KnownCodes => En.Keys;

    /// <summary>Renders a code's message in a language (English when the language is unknown).</summary>
    public static string Format(int code, string language, IReadOnlyList<object> args)
    {
        var catalogue = string.Equals(language, Chinese, StringComparison.OrdinalIgnoreCase) ? ZhCn : En;
        if (!catalogue.TryGetValue(code, out var template))
        {
            template = catalogue[ErrorCodes.Unknown];
        }

        return args.Count == 0
            ? template.Replace("{0}", string.Empty, StringComparison.Ordinal)
            : string.Format(CultureInfo.InvariantCulture, template, args is object[] array ? array : [.. args]);
    }
}
