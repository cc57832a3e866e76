namespace ProcOrleans.Gateway.Esb;

/// <summary>An application allowed to call the API, as configured under <c>Esb:Apps</c>.</summary>
public sealed class EsbApp
{
    public string AppCode { get; set; } = "";

    public string AppSecret { get; set; } = "";
}
