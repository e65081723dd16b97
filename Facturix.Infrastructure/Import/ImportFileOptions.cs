using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Infrastructure.Import;

/// <summary>Where uploads are stored and how large they may be (<c>Facturix:Import</c>).</summary>
public sealed class ImportFileOptions
{
    public const string Section = "Facturix:Import";

    /// <summary>The folder uploads are streamed to; every app instance that runs import jobs must see it.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "facturix-imports");

    /// <summary>500 MB (issue 15): larger files are refused before and while they are stored.</summary>
    public long MaxBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>A draft this old (the wizard abandoned after the upload) is removed with its file (<see cref="ImportFileCleanupJob"/>).</summary>
    public TimeSpan DraftLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A finished import's uploaded file is deleted this long after the import ended; its record stays.</summary>
    public TimeSpan FinishedFileRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Options from <c>Facturix:Import</c> when the host has a configuration (the app), defaults otherwise (tests).</summary>
    internal static void AddTo(IServiceCollection services) =>
        services.AddOptions<ImportFileOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(Section).Bind(o));
}
