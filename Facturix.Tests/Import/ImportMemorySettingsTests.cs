using System.Text.Json;
using Facturix.Infrastructure.Import;

namespace Facturix.Tests.Import;

/// <summary>
/// The settings that keep a million-row import under 300 MB of app memory (decision 0069). Neither shows in a functional
/// test: reverting one only shows in the benchmark, so they are pinned here.
/// </summary>
public sealed class ImportMemorySettingsTests
{
    [Fact]
    public void The_app_runs_with_the_workstation_concurrent_gc()
    {
        // The app's runtime settings as built, copied beside the tests by the project reference.
        var path = Path.Combine(AppContext.BaseDirectory, "Facturix.App.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean(), "server GC took the import to 415 MB");
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean(), "pages keep background gen2 collections");
        // Left to the runtime, the young generation's budget follows the CPU's cache: 337 MB on a host with a large one.
        Assert.Equal(6L * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }

    [Fact]
    public void An_import_writes_batches_of_five_thousand_rows_by_default() =>
        Assert.Equal(5_000, new ImportJobOptions().BatchSize);
}
