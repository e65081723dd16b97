using System.Collections.Concurrent;
using System.Text;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Npgsql;

namespace Facturix.Tests.Import;

/// <summary>
/// Integration tests of the import service and job: the real infrastructure on the fixture's database, with the launcher
/// recording instead of scheduling (tests run the job themselves, deterministically) and small batches so a few rows
/// make several batches.
/// </summary>
public abstract class ImportTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ServiceProvider? _services;
    private readonly List<string> _files = [];
    protected RecordingLauncher Launched { get; } = new();
    protected virtual int BatchSize => 3;

    protected IServiceProvider Services => _services ??= new ServiceCollection()
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton<TimeProvider>(Fixture.Clock)
        .AddFacturixInfrastructure(Fixture.ConnectionString)
        .AddSingleton<IImportLauncher>(Launched)
        .Configure<ImportJobOptions>(o => o.BatchSize = BatchSize)
        .BuildServiceProvider();

    protected IImportService Imports => Services.GetRequiredService<IImportService>();
    internal LeadImportRunner Runner => Services.GetRequiredService<LeadImportRunner>();

    public static readonly ImportFormat Semicolons = new("utf-8", ';', '"', true);

    /// <summary>Prénom;Nom;Société;Email;Téléphone;SIREN;Pays;Poste: the mapping most tests use.</summary>
    public static readonly IReadOnlyList<ColumnMapping> Columns =
    [
        new(0, "Prénom", ImportField.FirstName), new(1, "Nom", ImportField.LastName), new(2, "Société", ImportField.Company),
        new(3, "Email", ImportField.Email), new(4, "Téléphone", ImportField.Phone), new(5, "SIREN", ImportField.Siren),
        new(6, "Pays", ImportField.Country), new(7, "Poste", ImportField.JobTitle),
    ];

    public const string Header = "Prénom;Nom;Société;Email;Téléphone;SIREN;Pays;Poste";

    public static ImportSettings Settings(DuplicatePolicy policy) => new(Semicolons, Columns, policy);

    /// <summary><paramref name="count"/> valid rows of distinct people and companies (no duplicates, no rejects).</summary>
    public static string[] DistinctRows(int count) => Enumerable.Range(1, count)
        .Select(i => $"Prénom{i};Nom;Société {i};contact{i}@societe{i}.fr;;;France;").ToArray();

    /// <summary>Sessions of this test database matching <paramref name="condition"/> (SQL over pg_stat_activity): what a batch or a stop waits on.</summary>
    protected async Task<long> SessionsAsync(string condition)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND {condition}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A Draft import of <paramref name="lines"/> (after <see cref="Header"/>) written to disk, as the wizard leaves it.</summary>
    protected async Task<LeadImport> DraftAsync(Campaign campaign, Actor by, params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"facturix-import-test-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", new[] { Header }.Concat(lines)) + "\r\n", new UTF8Encoding(true));
        _files.Add(path);
        var import = new LeadImport
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, CreatedById = by.UserId,
            CreatedAt = Fixture.Clock.GetUtcNow(), FileName = "leads.csv", StoredPath = path, SizeBytes = new FileInfo(path).Length,
            Kind = ImportFileKind.Delimited, State = ImportState.Draft,
        };
        await using var db = NewDb();
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        return import;
    }

    /// <summary>Starts the import through the service, then runs the job the launcher was asked for, to its end.</summary>
    protected async Task<ImportSummary> ImportAsync(Actor actor, LeadImport import, DuplicatePolicy policy)
    {
        await Imports.StartAsync(actor, import.Id, Settings(policy));
        Assert.Contains(import.Id, Launched.Ids);
        await Runner.RunAsync(import.Id, CancellationToken.None);
        return await Imports.GetAsync(actor, import.Id);
    }

    public override async Task DisposeAsync()
    {
        foreach (var file in _files) File.Delete(file);
        if (_services is not null) await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    public sealed class RecordingLauncher : IImportLauncher
    {
        public ConcurrentQueue<Guid> Ids { get; } = new();

        /// <summary>Thrown instead of launching (the scheduler unreachable).</summary>
        public Exception? Failure { get; set; }

        public Task LaunchAsync(Guid importId, CancellationToken ct)
        {
            if (Failure is { } failure) return Task.FromException(failure);
            Ids.Enqueue(importId);
            return Task.CompletedTask;
        }
    }
}
