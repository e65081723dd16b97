namespace Facturix.Domain.Common;

/// <summary>
/// Shortens a text to a column's length without cutting a character in two: a cut between the halves of an emoji
/// (a UTF-16 surrogate pair) leaves a string Npgsql refuses to encode, and the whole write that carried it fails.
/// </summary>
public static class TextClip
{
    public static string? Clip(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return value;
        var end = char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return value[..end];
    }
}
