var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>The gateway's entry point, public so tests can host it.</summary>
public partial class Program;
