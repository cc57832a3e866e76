using System.Net;
using System.Net.Sockets;

namespace ProcOrleans.Silo.Hosting;

/// <summary>
/// A port nothing listens on right now. Orleans reads a port of 0 as "no gateway", so a free one is taken
/// here, just before the silo binds it.
/// </summary>
internal static class FreePort
{
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
