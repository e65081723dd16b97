using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Facturix.Tests.Support;

/// <summary>
/// A TCP relay in front of PostgreSQL that can go silent on the connections it carries, the way a dead NAT
/// entry or a pulled cable leaves a connection half-open: no reset, no close, bytes just stop arriving.
/// Connections opened after <see cref="SilenceCurrentConnections"/> are relayed normally.
/// </summary>
public sealed class SilenceableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Relay, byte> _relays = new();
    private readonly Task _acceptLoop;

    private SilenceableTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Starts a proxy to the server of <paramref name="connectionString"/>.</summary>
    public static SilenceableTcpProxy To(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return new SilenceableTcpProxy(target.Host!, target.Port);
    }

    /// <summary><paramref name="connectionString"/>, pointed at this proxy instead of the server.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = IPAddress.Loopback.ToString(),
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
        }.ConnectionString;

    /// <summary>From now on, every connection open at this moment swallows what either side sends.</summary>
    public void SilenceCurrentConnections()
    {
        foreach (var relay in _relays.Keys)
            relay.Silenced = true;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                var relay = new Relay(client, server);
                _relays.TryAdd(relay, 0);
                _ = relay.RunAsync(_stop.Token).ContinueWith(_ => _relays.TryRemove(relay, out var _), TaskScheduler.Default);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        foreach (var relay in _relays.Keys)
            relay.Dispose();
        _stop.Dispose();
    }

    private sealed class Relay(TcpClient client, TcpClient server) : IDisposable
    {
        public volatile bool Silenced;

        public async Task RunAsync(CancellationToken ct)
        {
            try
            {
                await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream(), ct), PumpAsync(server.GetStream(), client.GetStream(), ct));
            }
            finally
            {
                Dispose();
            }
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, ct)) > 0)
                {
                    if (!Silenced)
                        await to.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // One side went away: the relay closes both.
            }
        }

        public void Dispose()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
