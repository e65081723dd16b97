using Microsoft.JSInterop;

namespace Facturix.App.Shell;

/// <summary>Copies text to the person's clipboard through the browser (a generated password, the Aircall webhook address).</summary>
public static class Clipboard
{
    /// <summary>
    /// False when the browser refuses (an insecure origin, a denied permission): the caller says so, and the text stays
    /// on screen to select by hand.
    /// </summary>
    public static async Task<bool> TryCopyAsync(this IJSRuntime js, string text)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }
}
