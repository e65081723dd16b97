using System.Globalization;
using System.Text.RegularExpressions;
using Facturix.Tests.Import;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Shell;

/// <summary>
/// The lead import's upload under way and an Excel file's format step (ADR 0090), in the light and the dark theme. The
/// upload's progress shows only while the file travels, a second or two on a local connection, so the test stalls it:
/// the circuit's WebSocket is routed through Playwright, and once two chunks of the file have gone, what the page sends is
/// held until the sweep is done, then sent in order. The page shows what a person on a stalled connection sees, for as long
/// as the sweep takes. (Chromium's network throttling, DevTools' <c>Network.emulateNetworkConditions</c>, slows HTTP but
/// not the WebSocket's frames: measured here, a 500 KB upload went at the same speed throttled to 8 KB/s.)
/// </summary>
public sealed partial class AccessibilityJourneyTests
{
    [Theory]
    [InlineData(Light)]
    [InlineData(Dark)]
    public async Task The_import_upload_progress_and_an_Excel_format_step_have_no_serious_or_critical_violation_in(string theme)
    {
        var found = new List<string>();
        var (campaign, _) = await AllDayCampaignAsync(1);
        using var files = new ImportTestFiles();
        var workbook = LargeWorkbook(files);
        var page = await SignedInInAsync(await NewAdminAsync(), theme);
        var stall = new UploadStall();
        await page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), stall.Route);
        await page.GotoAsync($"/import?campaign={campaign}");
        await WaitLoadedAsync(page, theme);
        await ImportJourneyTests.ChooseFileAsync(page, workbook);

        // The upload, stalled part-way: the progress bar and the bytes sent, between 0 and 100 %.
        var progress = page.GetByTestId("import-upload-progress");
        // The live region is there before the upload, empty, so that its first words are announced too.
        var status = page.GetByTestId("import-upload-status");
        await Expect(status).ToBeAttachedAsync();
        await Expect(status).ToHaveAttributeAsync("role", "status");
        await Expect(status).ToHaveTextAsync("");
        stall.HoldAfter(chunks: 2);
        try
        {
            await page.GetByTestId("import-next").ClickAsync();
            await Expect(progress).ToHaveAttributeAsync("data-sent", PositiveNumber());
            await SweepOpenAsync(page, $"/import, step 1, uploading ({theme})", found);
            // Still under way when measured, the bar part-filled: the stall held the rest of the file.
            await Expect(progress).ToBeVisibleAsync();
            var sent = long.Parse((await progress.GetAttributeAsync("data-sent"))!, CultureInfo.InvariantCulture);
            var size = long.Parse((await progress.GetAttributeAsync("data-size"))!, CultureInfo.InvariantCulture);
            var value = double.Parse((await progress.GetByRole(AriaRole.Progressbar).GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);
            Assert.True(sent > 0 && sent < size && value is > 0 and < 100, $"swept at {sent} of {size} bytes, the bar at {value}");
            Assert.True(value == Math.Floor(value), $"the bar reads {value} to a screen reader: whole percents only");
            // One live region, the sentence: the bar is read when reached, not announced at every step on top of the text.
            await Expect(page.Locator(".fx-page").GetByRole(AriaRole.Status)).ToHaveCountAsync(1);
            await Expect(status).ToContainTextAsync("%");
            await Expect(page.Locator("[role=status] [role=progressbar], [role=progressbar][role=status]")).ToHaveCountAsync(0);
        }
        finally
        {
            stall.Release();
        }

        // Step 2 for a workbook: only the header row's select (no encoding, delimiter or quote), and the preview.
        await Expect(page.GetByTestId("import-step-format")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("import-preview-row")).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("import-header")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-encoding")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-delimiter")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-quote")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-next")).ToBeEnabledAsync();
        await SweepOpenAsync(page, $"/import, step 2, format of an Excel file ({theme})", found);

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n{string.Join("\n", found)}");
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveNumber();

    /// <summary>
    /// A one-sheet workbook of 3,000 leads, about 160 KB: several of the upload's chunks (32 KB each in .NET 10), so two can
    /// go before the stall and the rest wait. Random words, since a workbook is zipped and repeated text would shrink to
    /// less than a chunk.
    /// </summary>
    private static string LargeWorkbook(ImportTestFiles files)
    {
        var random = new Random(90);
        string Word() => string.Create(10, random, (chars, r) => { for (var i = 0; i < chars.Length; i++) chars[i] = (char)('a' + r.Next(26)); });
        var rows = new List<object?[]> { new object?[] { "Prénom", "Nom", "Société", "Email", "Téléphone" } };
        for (var i = 0; i < 3000; i++)
            rows.Add([Word(), Word(), Word(), $"{Word()}@exemple.fr", $"01 23 45 {i / 100 % 100:00} {i % 100:00}"]);
        return files.Xlsx($"prospects-{Guid.NewGuid():N}.xlsx", [.. rows]);
    }

    /// <summary>
    /// The circuit's WebSocket, with the page's side able to stall: once armed, frames go to the server until
    /// <c>chunks</c> frames of the file (the only frames over 16 KB) have gone; every frame after is held, in order, until
    /// <see cref="Release"/> sends them on. The server's side is forwarded as it comes. Held for seconds only: the server
    /// drops a client silent for 30 s (SignalR's ClientTimeoutInterval).
    /// </summary>
    private sealed class UploadStall
    {
        private readonly Lock _gate = new();
        private readonly List<(IWebSocketRoute Server, IWebSocketFrame Frame)> _held = [];
        private int? _chunksLeft;

        public void Route(IWebSocketRoute page)
        {
            var server = page.ConnectToServer();
            page.OnMessage(frame =>
            {
                lock (_gate)
                {
                    if (_chunksLeft is 0)
                    {
                        _held.Add((server, frame));
                        return;
                    }
                    if (_chunksLeft is > 0 && (frame.Binary?.Length ?? frame.Text?.Length ?? 0) > 16_384) _chunksLeft--;
                    Send(server, frame);
                }
            });
        }

        public void HoldAfter(int chunks)
        {
            lock (_gate) _chunksLeft = chunks;
        }

        /// <summary>
        /// Sends the held frames on, in order, then lets frames through again. Sent outside the lock, so a frame the page sends
        /// meanwhile (queued behind them, still in order) never waits on a send in progress.
        /// </summary>
        public void Release()
        {
            while (true)
            {
                List<(IWebSocketRoute Server, IWebSocketFrame Frame)> batch;
                lock (_gate)
                {
                    if (_held.Count == 0)
                    {
                        _chunksLeft = null;
                        return;
                    }
                    batch = [.. _held];
                    _held.Clear();
                }
                foreach (var (server, frame) in batch) Send(server, frame);
            }
        }

        private static void Send(IWebSocketRoute to, IWebSocketFrame frame)
        {
            if (frame.Binary is { } bytes) to.Send(bytes);
            else to.Send(frame.Text!);
        }
    }
}
