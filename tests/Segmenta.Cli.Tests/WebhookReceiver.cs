using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Segmenta.Core.Campaigns;

namespace Segmenta.Cli.Tests;

/// <summary>
/// A real local HTTP endpoint for webhook tests. <c>Respond</c> decides each request's status by its 1-based number
/// (null = never answer, as when the sender dies first). Records every request and every acknowledged (2xx) delivery.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _count;

    public WebhookReceiver(string secret, Func<int, string, int?> respond)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                var key = context.Request.Headers["Idempotency-Key"] ?? "";
                var n = Interlocked.Increment(ref _count);
                Requests.Enqueue((key, WebhookSignature.Verify(secret, body, context.Request.Headers[WebhookSignature.Header]), body));
                var status = respond(n, key);
                if (status is not { } code)
                {
                    continue; // never answered
                }
                if (code is >= 200 and < 300)
                {
                    Acknowledged.Enqueue(key);
                }
                context.Response.StatusCode = code;
                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    /// <summary>Every request: idempotency key, whether the HMAC signature verified, body.</summary>
    public ConcurrentQueue<(string Key, bool SignatureOk, string Body)> Requests { get; } = new();

    /// <summary>Keys of the deliveries answered with 2xx, in order.</summary>
    public ConcurrentQueue<string> Acknowledged { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
