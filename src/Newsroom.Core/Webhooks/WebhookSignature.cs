using System.Security.Cryptography;
using System.Text;

namespace Newsroom.Webhooks;

/// <summary>Standard Webhooks signing: v1 = base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" with the secret's key bytes.</summary>
public static class WebhookSignature
{
    private const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static bool IsSecret(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var key = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[Prefix.Length..], key, out var length) && length >= 16;
    }

    /// <summary>The webhook-signature header: "v1,&lt;base64&gt;" for each secret, space-separated.</summary>
    public static string Header(string id, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret =>
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret[Prefix.Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")))));
}
