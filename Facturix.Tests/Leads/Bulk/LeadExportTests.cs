using System.Diagnostics;
using System.Text;
using CsvHelper;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads.Bulk;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Leads.Bulk;

/// <summary>The CSV export: round-trip through CsvHelper, BOM, separators, formula neutralisation, scope, audit, streaming.</summary>
public sealed class LeadExportTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadExport Export => Get<ILeadExport>();

    private static List<string[]> Parse(byte[] bytes, char separator)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { Separator = separator }, leaveOpen: false);
        reader.ReadHeader();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    [Fact]
    public async Task Exported_leads_read_back_with_CsvHelper_with_a_BOM_the_visible_columns_and_neutralised_formulas()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var leads = await Given.LeadsAsync(campaign, 2);
        await using (var db = NewDb())
        {
            await db.Leads.Where(l => l.Id == leads[0].Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Company, "=HYPERLINK(\"http://evil\")").SetProperty(l => l.FirstName, "@Anne").SetProperty(l => l.LastName, "Dupont; fils"));
        }
        var request = new LeadExportRequest([LeadColumns.Name, LeadColumns.Company, LeadColumns.Phone, LeadColumns.Status, "nope"], ';',
            new Dictionary<string, string> { [LeadColumns.Name] = "Nom", [LeadColumns.Company] = "Société", [LeadColumns.Phone] = "Téléphone", [LeadColumns.Status] = "Statut" },
            new Dictionary<LeadStatus, string> { [LeadStatus.New] = "Nouveau" });
        using var output = new MemoryStream();

        var count = await Export.ExportCsvAsync(manager, LeadSelection.Of(leads.Select(l => l.Id)), request, output);

        Assert.Equal(2, count);
        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Nom;Société;Téléphone;Statut\r\n", Encoding.UTF8.GetString(bytes[3..]));
        var rows = Parse(bytes, ';');
        Assert.Equal(2, rows.Count);
        var evil = rows.Single(r => r[1].Contains("HYPERLINK"));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", evil[1]);
        Assert.Equal("'@Anne Dupont; fils", evil[0]);
        Assert.Equal("'+33612345678", evil[2]);
        Assert.Equal("Nouveau", evil[3]);
        await using var check = NewDb();
        var audit = await check.AuditEvents.SingleAsync(e => e.Action == "leads.exported");
        Assert.Equal(manager.UserId, audit.ActorId);
    }

    [Fact]
    public async Task A_comma_separated_export_of_all_matching_stays_within_scope_and_needs_the_capability()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(account, assignees: bd);
        await Given.LeadsAsync(campaign, 3);
        var foreign = await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 2);
        using var output = new MemoryStream();

        var count = await Export.ExportCsvAsync(manager, LeadSelection.AllMatching(LeadListQuery.Empty), new LeadExportRequest([LeadColumns.Email, LeadColumns.Campaign], ','), output);

        Assert.Equal(3, count);
        var rows = Parse(output.ToArray(), ',');
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(campaign.Name, r[1]));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Export.ExportCsvAsync(bd, LeadSelection.AllMatching(LeadListQuery.Empty), new LeadExportRequest(LeadColumns.Default), new MemoryStream()));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Export.ExportCsvAsync(manager, LeadSelection.Of([foreign[0].Id]), new LeadExportRequest(LeadColumns.Default), new MemoryStream()));
    }

    [Fact]
    public async Task A_separator_other_than_semicolon_or_comma_is_refused_with_a_code_before_anything_is_written()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        using var output = new MemoryStream();

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            Export.ExportCsvAsync(admin, LeadSelection.AllMatching(LeadListQuery.Empty), new LeadExportRequest(LeadColumns.Default, '|'), output));

        Assert.Equal(ErrorCodes.LeadExportSeparatorInvalid, Assert.Single(refused.Errors).ErrorCode);
        Assert.Equal(0, output.Length);
    }

    /// <summary>
    /// 100,000 leads, and the proof that they are streamed: when the first bytes reach the output, the export's query is
    /// still running on the server (PostgreSQL is still sending rows nobody has read), so the rows were not gathered first.
    /// </summary>
    [Fact]
    public async Task A_hundred_thousand_leads_export_streaming_in_reasonable_time()
    {
        const int total = 100_000;
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await using (var connection = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO leads (id, campaign_id, account_id, status, score, first_name, last_name, company, email, phone, country,
                                   priority, call_attempts, created_at, updated_at)
                SELECT gen_random_uuid(), @campaign, @account, 'New', n % 100, 'Prénom ' || n, 'Nom ' || n, 'Société ' || n,
                       'contact' || n || '@example.fr', '+336' || lpad(n::text, 8, '0'), 'FR', 0, 0, now(), now()
                FROM generate_series(1, @total) AS n
                """, connection);
            insert.Parameters.AddWithValue("campaign", campaign.Id);
            insert.Parameters.AddWithValue("account", campaign.AccountId);
            insert.Parameters.AddWithValue("total", total);
            insert.CommandTimeout = 120;
            await insert.ExecuteNonQueryAsync();
        }
        var output = new ProbeStream();
        var watch = Stopwatch.StartNew();

        var export = Export.ExportCsvAsync(admin, LeadSelection.AllMatching(new LeadListQuery(CampaignId: campaign.Id)),
            new LeadExportRequest(LeadColumns.Default), output);
        await output.FirstWrite.WaitAsync(TimeSpan.FromSeconds(60));
        // The output holds the first write; meanwhile the query must still be on the server, mid-result.
        var running = await Eventually.HoldsAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || @tag || '%' AND pid <> pg_backend_pid()", connection);
            command.Parameters.AddWithValue("tag", LeadExport.QueryTag);
            return (long)(await command.ExecuteScalarAsync())!;
        }, n => n == 1, "the export query still running at the first write", TimeSpan.FromSeconds(10));
        Assert.Equal(1, running);
        Assert.True(output.Length < 1_000_000, $"{output.Length} bytes before the first write returned");
        output.Release();

        Assert.Equal(total, await export.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"100,000 leads exported in {watch.Elapsed}");
        Assert.Equal(total + 1, output.Lines);
    }

    /// <summary>Counts what is written without keeping it; holds the first write until the test releases it.</summary>
    private sealed class ProbeStream : Stream
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _length;

        public Task FirstWrite => _first.Task;
        public long Lines { get; private set; }
        public void Release() => _release.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(buffer.Span);
            _first.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Count(buffer.AsSpan(offset, count));
            _first.TrySetResult();
            _release.Task.Wait();
        }

        private void Count(ReadOnlySpan<byte> bytes)
        {
            _length += bytes.Length;
            Lines += bytes.Count((byte)'\n');
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
