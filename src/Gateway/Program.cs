using ProcOrleans.Gateway.Hosting;

GatewayApp.Create(args).Run();

/// <summary>The gateway's entry point, public so that tests can host it.</summary>
public partial class Program;
