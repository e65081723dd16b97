using Microsoft.JSInterop;

namespace Facturix.App.Workspace;

/// <summary>
/// The page's few browser calls. The last campaign a person worked, in the browser's localStorage (per user id: a shared computer keeps each choice
/// apart). Only once interactive: prerendering has no browser. A convenience, so a refusal (private mode, a closing
/// circuit) is logged and ignored.
/// </summary>
public sealed class WorkspaceBrowser(IJSRuntime js, ILogger logger)
{
    public static string KeyFor(Guid userId) => $"fx.workspace.campaign.{userId}";

    public async Task<Guid?> ReadAsync(Guid userId)
    {
        string? value = null;
        await SafelyAsync(async () => value = await js.InvokeAsync<string?>("localStorage.getItem", KeyFor(userId)));
        return Guid.TryParse(value, out var id) ? id : null;
    }

    public Task WriteAsync(Guid userId, Guid campaignId) =>
        SafelyAsync(() => js.InvokeVoidAsync("localStorage.setItem", KeyFor(userId), campaignId.ToString()).AsTask());

    /// <summary>E: the lead's address in the person's mail client.</summary>
    public Task OpenMailAsync(string email) =>
        SafelyAsync(() => js.InvokeVoidAsync("open", $"mailto:{Uri.EscapeDataString(email)}", "_self").AsTask());

    private async Task SafelyAsync(Func<Task> call)
    {
        try { await call(); }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            logger.LogDebug(ex, "Browser call failed");
        }
    }
}
