using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Interview.Web.Questions;

/// <summary>
/// Turns a client's address into a keyed hash (HMAC-SHA256 with a secret kept in the data folder), so that limits and
/// blocks can tell clients apart without the database holding anyone's address (PIPL). The secret is created on first
/// use; without it the hashes cannot be reversed by trying every address.
/// </summary>
public sealed class ClientKeys
{
    private readonly byte[] _secret;

    public ClientKeys(IOptions<InterviewOptions> options, IWebHostEnvironment environment)
        : this(LocalSecret(options.Value.DataDirectoryPath(environment.ContentRootPath)))
    {
    }

    /// <summary>With a secret from elsewhere: several instances share one (Hosting/RedisServices), or blocks and limits would not match.</summary>
    internal ClientKeys(byte[] secret) => _secret = secret;

    /// <summary>The secret in <paramref name="directory"/>, created there on first use.</summary>
    internal static byte[] LocalSecret(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Operations.DataFolder.ClientKeysSecret);
        if (!File.Exists(path))
        {
            try
            {
                using var stream = new FileStream(path, Operations.OwnerOnly.NewFile());
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance on the same folder wrote it first; use theirs.
            }
        }
        return File.ReadAllBytes(path);
    }

    public string For(IPAddress? address) => For(address?.ToString() ?? "unknown");

    public string For(string client)
    {
        var hash = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(client));
        return Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
