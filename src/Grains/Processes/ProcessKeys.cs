namespace ProcOrleans.Grains.Processes;

/// <summary>The JSON keys of a process's <c>property</c> object, its <c>relation</c> and its bind rows.</summary>
public static class ProcessKeys
{
    public const string AutoStart = "auto_start";
    public const string AutoTimeGap = "auto_time_gap";
    public const string BindInfo = "bind_info";
    public const string BizId = "bk_biz_id";
    public const string FuncId = "bk_func_id";
    public const string FuncName = "bk_func_name";
    public const string HostId = "bk_host_id";
    public const string ProcessId = "bk_process_id";
    public const string ProcessName = "bk_process_name";
    public const string StartCheckSecs = "bk_start_check_secs";
    public const string StartParamRegex = "bk_start_param_regex";
    public const string SupplierAccount = "bk_supplier_account";
    public const string CreateTime = "create_time";
    public const string Description = "description";
    public const string FaceStopCmd = "face_stop_cmd";
    public const string LastTime = "last_time";
    public const string PidFile = "pid_file";
    public const string Priority = "priority";
    public const string ProcNum = "proc_num";
    public const string ProcessTemplateId = "process_template_id";
    public const string ReloadCmd = "reload_cmd";
    public const string RestartCmd = "restart_cmd";
    public const string ServiceInstanceId = "service_instance_id";
    public const string StartCmd = "start_cmd";
    public const string StopCmd = "stop_cmd";
    public const string Timeout = "timeout";
    public const string User = "user";
    public const string WorkPath = "work_path";
    public const string ProcessInfo = "process_info";

    public const string BindEnable = "enable";
    public const string BindIp = "ip";
    public const string BindPort = "port";
    public const string BindProtocol = "protocol";
    public const string BindTemplateRowId = "template_row_id";
}
