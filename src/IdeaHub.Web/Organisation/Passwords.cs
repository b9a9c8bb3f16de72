using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Organisation;

/// <summary>Random secrets handed to people: temporary passwords and one-time activation codes.</summary>
public static class Passwords
{
    // No 0/O, 1/l/I: these are read aloud and typed from paper.
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Four dash-separated groups of four (about 92 bits), satisfying the password policy.</summary>
    public static string Generate()
    {
        while (true)
        {
            var raw = RandomNumberGenerator.GetString(Letters, 16);
            if (raw.Any(char.IsDigit) && raw.Any(char.IsUpper) && raw.Any(char.IsLower))
                return string.Join('-', raw.Chunk(4).Select(c => new string(c)));
        }
    }
}

/// <summary>
/// One-time activation codes for imported users, who are created without a password: hashing 5,000 passwords
/// with PBKDF2 would take minutes, while a code of 100 random bits needs only a SHA-256 hash at rest (a fast
/// hash is safe for a secret that cannot be guessed). The user sets their own password with the code.
/// Stored in the Identity token table as "sha256hex:expiresUnixSeconds".
/// </summary>
public static class ActivationCodes
{
    public const string Provider = "IdeaHub";
    public const string Name = "Activation";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

    public static string Generate() =>
        string.Join('-', RandomNumberGenerator.GetString(Alphabet, 20).Chunk(4).Select(c => new string(c)));

    public static string StoredValue(string code, DateTimeOffset now) =>
        $"{Hash(code)}:{(now + Lifetime).ToUnixTimeSeconds()}";

    public static async Task<string> IssueAsync(UserManager<AppUser> users, AppUser user)
    {
        var code = Generate();
        await users.SetAuthenticationTokenAsync(user, Provider, Name, StoredValue(code, DateTimeOffset.UtcNow));
        return code;
    }

    public static Task RevokeAsync(UserManager<AppUser> users, AppUser user) => users.RemoveAuthenticationTokenAsync(user, Provider, Name);

    /// <summary>True when the code matches and has not expired; the caller then sets the password and revokes.</summary>
    public static async Task<bool> VerifyAsync(UserManager<AppUser> users, AppUser user, string code)
    {
        var stored = await users.GetAuthenticationTokenAsync(user, Provider, Name);
        if (stored?.Split(':') is not [var hash, var expires] || !long.TryParse(expires, out var unix)) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(unix) < DateTimeOffset.UtcNow) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(code)));
    }

    private static string Hash(string code)
    {
        var normalised = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(normalised)));
    }
}
