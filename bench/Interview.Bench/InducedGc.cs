using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Interview.Bench;

/// <summary>
/// Asks another .NET process for a full garbage collection, so that its memory is measured without the garbage it has
/// not collected yet. This is what dotnet-gcdump does: over the runtime's diagnostics socket
/// (/tmp/dotnet-diagnostic-PID-*-socket, the documented Diagnostic IPC protocol) it opens an EventPipe session with
/// the runtime provider's GCHeapCollect keyword, which makes the runtime collect; then it stops the session.
/// </summary>
internal static class InducedGc
{
    private const ulong GcHeapCollectKeyword = 0x800000;

    public static async Task<bool> CollectAsync(int pid, CancellationToken cancellationToken)
    {
        var socketPath = Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket").FirstOrDefault();
        if (socketPath is null)
        {
            return false;
        }
        try
        {
            using var session = await ConnectAsync(socketPath, cancellationToken);
            await session.SendAsync(Message(0x02, 0x03, CollectTracing2Payload()), cancellationToken);
            var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(await ReadResponseAsync(session, cancellationToken));
            // The session streams events until stopped: drain them so the runtime never waits on a full socket.
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var draining = DrainAsync(session, drain.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

            using (var stop = await ConnectAsync(socketPath, cancellationToken))
            {
                var id = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(id, sessionId);
                await stop.SendAsync(Message(0x02, 0x01, id), cancellationToken);
                await ReadResponseAsync(stop, cancellationToken);
            }
            await Task.WhenAny(draining, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
            await drain.CancelAsync();
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        return socket;
    }

    /// <summary>circularBufferMB, format (1 = nettrace), requestRundown (no), providers: the runtime's, GCHeapCollect.</summary>
    private static byte[] CollectTracing2Payload()
    {
        using var payload = new MemoryStream();
        using var w = new BinaryWriter(payload, Encoding.Unicode);
        w.Write(16u);
        w.Write(1u);
        w.Write((byte)0);
        w.Write(1u);
        w.Write(GcHeapCollectKeyword);
        w.Write(4u);
        const string provider = "Microsoft-Windows-DotNETRuntime";
        w.Write((uint)(provider.Length + 1));
        w.Write(Encoding.Unicode.GetBytes(provider + '\0'));
        w.Write(0u);
        w.Flush();
        return payload.ToArray();
    }

    private static byte[] Message(byte commandSet, byte commandId, byte[] payload)
    {
        var message = new byte[20 + payload.Length];
        Encoding.ASCII.GetBytes("DOTNET_IPC_V1").CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), (ushort)message.Length);
        message[16] = commandSet;
        message[17] = commandId;
        payload.CopyTo(message, 20);
        return message;
    }

    /// <summary>Reads one response message; returns its payload, or throws on the server's error answer.</summary>
    private static async Task<byte[]> ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = await ReadExactlyAsync(socket, 20, cancellationToken);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        var payload = await ReadExactlyAsync(socket, size - 20, cancellationToken);
        if (header[16] != 0xFF || header[17] != 0x00)
        {
            throw new InvalidOperationException($"the diagnostics server answered {header[16]:X2}{header[17]:X2}");
        }
        return payload;
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("the diagnostics server closed the connection");
            }
            read += n;
        }
        return buffer;
    }

    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
