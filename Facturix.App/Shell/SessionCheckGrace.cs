namespace Facturix.App.Shell;

/// <summary>
/// A database blip must not sign anyone out: a check that throws counts as "still valid" once; only a second
/// failure in a row (a minute later, at the circuit's pace) does. One per circuit, like its provider.
/// </summary>
public sealed class SessionCheckGrace(ILogger logger)
{
    private int _consecutiveFailures;

    public async Task<bool> CheckAsync(Func<Task<bool>> check)
    {
        try
        {
            var valid = await check();
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            return valid;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failures = Interlocked.Increment(ref _consecutiveFailures);
            var graced = failures < 2;
            logger.LogWarning(ex, "Could not check the session ({Failures} failure(s) in a row); {Outcome}",
                failures, graced ? "keeping it for one more interval" : "signing the circuit out");
            return graced;
        }
    }
}
