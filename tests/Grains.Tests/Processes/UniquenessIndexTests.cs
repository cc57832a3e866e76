using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.Tests.Processes;

public sealed class UniquenessIndexTests
{
    private static ProcessInstance Stored(long id, string name, string func, string? regex = "") =>
        new(id, 54, 1, 1, 0, "0", new ProcessProperties { BkProcessName = name, BkFuncName = func, BkStartParamRegex = regex },
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_name_already_held_is_refused_with_bk_cmdbs_message()
    {
        var index = UniquenessIndex.Create(54, [Stored(1, "job_java", "java")]);
        var error = Assert.Throws<CmdbException>(() => index.Add(new ProcessProperties { BkProcessName = "job_java", BkFuncName = "go" }));
        Assert.Equal(ErrorCodes.Duplicated, error.Code);
        Assert.Equal("duplicated instances exist, fields [service_instance_id: 54, bk_process_name: \"job_java\"] duplicated", error.Message);
    }

    [Fact]
    public void Null_start_param_regex_counts_as_empty()
    {
        var index = UniquenessIndex.Create(54, [Stored(1, "a", "java", regex: "")]);
        var error = Assert.Throws<CmdbException>(() => index.Add(new ProcessProperties { BkProcessName = "b", BkFuncName = "java", BkStartParamRegex = null }));
        Assert.Equal(
            "duplicated instances exist, fields [service_instance_id: 54, bk_func_name: \"java\", bk_start_param_regex: \"\"] duplicated",
            error.Message);
    }

    [Fact]
    public void The_same_function_with_another_regex_is_fine_and_additions_count()
    {
        var index = UniquenessIndex.Create(54, []);
        index.Add(new ProcessProperties { BkProcessName = "a", BkFuncName = "java", BkStartParamRegex = "x" });
        index.Add(new ProcessProperties { BkProcessName = "b", BkFuncName = "java", BkStartParamRegex = "y" });
        Assert.Throws<CmdbException>(() => index.Add(new ProcessProperties { BkProcessName = "a", BkFuncName = "go" }));
    }

    [Fact]
    public void A_removed_process_frees_its_name()
    {
        var stored = Stored(1, "a", "java");
        var index = UniquenessIndex.Create(54, [stored]);
        index.Remove(stored.Properties);
        index.Add(stored.Properties);
        Assert.Throws<CmdbException>(() => index.Add(stored.Properties));
    }
}
