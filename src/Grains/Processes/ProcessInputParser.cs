using System.Text;
using System.Text.Json;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.Processes;

/// <summary>
/// Reads a caller's process attributes from JSON, with API.md's rules: trim, defaults, server-owned and
/// unknown keys ignored. Checks run by category (required, string type, string length, integer type,
/// integer range, boolean, bind_info), and within a category in API.md's table order; the first failure of
/// the earliest category is the answer, as bk-cmdb reports it.
/// </summary>
public static class ProcessInputParser
{
    private enum Category
    {
        None,
        Required,
        StringType,
        StringLength,
        IntegerType,
        IntegerRange,
        BooleanType,
        BindInfo,
    }

    /// <summary>One item of a create request's <c>processes</c>: <c>{"process_info": {...}}</c>.</summary>
    public static ProcessInput ParseCreateItem(JsonElement item, ProcessLimits? limits = null)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty(ProcessKeys.ProcessInfo, out var info)
            || info.ValueKind != JsonValueKind.Object)
        {
            return ProcessInput.Invalid(new CmdbException(ErrorCodes.ParamInvalid, ProcessKeys.ProcessInfo));
        }

        return ParseProperties(info, limits);
    }

    /// <summary>A flat attribute map (a <c>process_info</c>, or an update's process).</summary>
    public static ProcessInput ParseProperties(JsonElement info, ProcessLimits? limits = null)
    {
        limits ??= ProcessLimits.Default;
        var shortBytes = limits.ShortStringBytes;
        var longBytes = limits.LongStringBytes;
        var errors = new ErrorSlot();
        var properties = new ProcessProperties
        {
            BkProcessName = RequiredString(info, ProcessKeys.ProcessName, shortBytes, ref errors),
            BkFuncName = RequiredString(info, ProcessKeys.FuncName, shortBytes, ref errors),
            BkFuncId = OptionalString(info, ProcessKeys.FuncId, shortBytes, ref errors),
            Description = OptionalString(info, ProcessKeys.Description, shortBytes, ref errors),
            User = OptionalString(info, ProcessKeys.User, shortBytes, ref errors),
            WorkPath = OptionalString(info, ProcessKeys.WorkPath, longBytes, ref errors),
            StartCmd = OptionalString(info, ProcessKeys.StartCmd, longBytes, ref errors),
            StopCmd = OptionalString(info, ProcessKeys.StopCmd, longBytes, ref errors),
            RestartCmd = OptionalString(info, ProcessKeys.RestartCmd, longBytes, ref errors),
            FaceStopCmd = OptionalString(info, ProcessKeys.FaceStopCmd, longBytes, ref errors),
            ReloadCmd = OptionalString(info, ProcessKeys.ReloadCmd, longBytes, ref errors),
            PidFile = OptionalString(info, ProcessKeys.PidFile, longBytes, ref errors),
            BkStartParamRegex = OptionalString(info, ProcessKeys.StartParamRegex, longBytes, ref errors),
            ProcNum = OptionalInt(info, ProcessKeys.ProcNum, 1, 10000, ref errors),
            Priority = OptionalInt(info, ProcessKeys.Priority, -100, 10000, ref errors),
            Timeout = OptionalInt(info, ProcessKeys.Timeout, 0, 10000, ref errors),
            AutoTimeGap = OptionalInt(info, ProcessKeys.AutoTimeGap, 0, 10000, ref errors),
            BkStartCheckSecs = OptionalInt(info, ProcessKeys.StartCheckSecs, 0, 600, ref errors),
            AutoStart = OptionalBool(info, ProcessKeys.AutoStart, ref errors),
            BindInfo = OptionalBindInfo(info, limits.BindRowsPerProcess, ref errors),
        };

        return errors.Error is { } error ? ProcessInput.Invalid(error) : ProcessInput.Valid(properties);
    }

    private static string? RequiredString(JsonElement info, string key, int maxBytes, ref ErrorSlot errors)
    {
        if (!info.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Offer(Category.Required, ErrorCodes.Unassigned, key);
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Offer(Category.StringType, ErrorCodes.NotString, key);
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            errors.Offer(Category.Required, ErrorCodes.Unassigned, key);
        }
        else if (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            errors.Offer(Category.StringLength, ErrorCodes.OutOfBounds, key);
        }

        return text;
    }

    private static string? OptionalString(JsonElement info, string key, int maxBytes, ref ErrorSlot errors)
    {
        if (!info.TryGetProperty(key, out var value))
        {
            return "";
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (Encoding.UTF8.GetByteCount(text) > maxBytes)
                {
                    errors.Offer(Category.StringLength, ErrorCodes.OutOfBounds, key);
                }

                return text;
            default:
                errors.Offer(Category.StringType, ErrorCodes.NotString, key);
                return null;
        }
    }

    private static long? OptionalInt(JsonElement info, string key, long min, long max, ref ErrorSlot errors)
    {
        if (!info.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!TryGetInteger(value, out var number))
        {
            errors.Offer(Category.IntegerType, ErrorCodes.NotInteger, key);
            return null;
        }

        if (number < min || number > max)
        {
            errors.Offer(Category.IntegerRange, ErrorCodes.ParamInvalid, key);
        }

        return number;
    }

    private static bool? OptionalBool(JsonElement info, string key, ref ErrorSlot errors)
    {
        if (!info.TryGetProperty(key, out var value))
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                errors.Offer(Category.BooleanType, ErrorCodes.NotBoolean, key);
                return null;
        }
    }

    private static IReadOnlyList<BindInfoRow>? OptionalBindInfo(JsonElement info, int maxRows, ref ErrorSlot errors)
    {
        if (!info.TryGetProperty(ProcessKeys.BindInfo, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (BindInfoParser.TryParse(value, maxRows) is { } rows)
        {
            return rows;
        }

        errors.Offer(Category.BindInfo, ErrorCodes.ParamInvalid, ProcessKeys.BindInfo);
        return null;
    }

    /// <summary>
    /// A JSON number that is a whole 64-bit value. <c>30.0</c> counts (Go decodes numbers as floats, so
    /// bk-cmdb accepts it); <c>1.5</c>, strings and booleans do not.
    /// </summary>
    internal static bool TryGetInteger(JsonElement value, out long number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt64(out number))
        {
            return true;
        }

        if (value.TryGetDecimal(out var exact) && decimal.Truncate(exact) == exact
            && exact >= long.MinValue && exact <= long.MaxValue)
        {
            number = (long)exact;
            return true;
        }

        return false;
    }

    /// <summary>Keeps the first error of the earliest category seen.</summary>
    private struct ErrorSlot
    {
        private Category _category;

        public CmdbException? Error { get; private set; }

        public void Offer(Category category, int code, string key)
        {
            if (Error is null || category < _category)
            {
                _category = category;
                Error = new CmdbException(code, key);
            }
        }
    }
}
