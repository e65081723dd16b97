using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>A row the rules refused: it goes to <c>import_rejects</c> with its original cells.</summary>
internal readonly record struct RejectedRow(long LineNumber, string Reason, string[] Values);

/// <summary>
/// One batch ready for its transaction (docs/decisions/0057): the accepted rows already encoded as PostgreSQL binary COPY
/// tuples of <c>import_stage</c>, plus its rejects and counts. A batch waiting to be written holds a few bytes a row, not
/// the row objects, so the job's memory does not grow with the batch size (issue 15: under 300 MB for the app).
/// </summary>
internal sealed class StagedBatch
{
    /// <summary>Rows of the file this batch covers (accepted, duplicate in the batch, or rejected): the checkpoint moves by this.</summary>
    public int Rows { get; private set; }
    public int Staged { get; private set; }
    public int InBatchDuplicates { get; private set; }
    public List<RejectedRow> Rejects { get; } = [];
    /// <summary>The staged tuples without the COPY header and trailer (see <see cref="WriteCopyAsync"/>).</summary>
    public ArrayBufferWriter<byte> Tuples { get; } = new(64 * 1024);

    // Keys of the batch's accepted rows: a later row sharing one is a duplicate in the file (the first row wins; rows of
    // earlier batches are leads by now and are matched in the database).
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sirens = new(StringComparer.Ordinal);
    private readonly bool _markDuplicates;

    public StagedBatch(DuplicatePolicy policy) => _markDuplicates = policy != DuplicatePolicy.CreateAnyway;

    /// <summary>Adds the next row of the file (in file order) with the id the lead gets if it is created.</summary>
    public void Add(in ProcessedRow row, Guid id)
    {
        var ord = Rows++;
        if (row.Lead is not { } lead)
        {
            Rejects.Add(new RejectedRow(row.LineNumber, row.Error!, row.Values ?? []));
            return;
        }
        if (_markDuplicates)
        {
            if ((lead.Email is { } e && _emails.Contains(e)) || (lead.Phone is { } p && _phones.Contains(p))
                || (lead.Siren is { } s && _sirens.Contains(s)))
            {
                InBatchDuplicates++;
                return;
            }
            if (lead.Email is { } email) _emails.Add(email);
            if (lead.Phone is { } phone) _phones.Add(phone);
            if (lead.Siren is { } siren) _sirens.Add(siren);
        }
        Staged++;
        WriteTuple(ord, id, lead);
    }

    /// <summary>The column order of <see cref="ImportSql.CopyStage"/>.</summary>
    private void WriteTuple(int ord, Guid id, ImportedLead lead)
    {
        Int16(19);
        Int32Field(ord);
        Span<byte> uuid = stackalloc byte[16];
        id.TryWriteBytes(uuid, bigEndian: true, out _);
        Int32(16);
        Bytes(uuid);
        Text(lead.FirstName);
        Text(lead.LastName);
        Text(lead.JobTitle);
        Text(lead.Company);
        Text(lead.Email);
        Text(lead.Phone);
        Text(lead.Country);
        Int32(1);
        Bytes([lead.CountryGiven ? (byte)1 : (byte)0]);
        Text(lead.City);
        Text(lead.Siren);
        Text(lead.Website);
        Text(lead.Domain);
        if (lead.CompanyEmployees is { } employees) Int32Field(employees); else Int32(-1);
        Text(lead.Source);
        // jsonb's binary form: a version byte (1), then the JSON text.
        if (lead.CustomFields is { } custom) Text(custom, prefix: 1); else Int32(-1);
        Text(lead.TimeZone);
        Int32Field(lead.Score);
    }

    private void Text(string? value, byte? prefix = null)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }
        var extra = prefix is null ? 0 : 1;
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length + extra);
        var span = Tuples.GetSpan(length + extra);
        if (prefix is { } b) span[0] = b;
        Encoding.UTF8.GetBytes(value, span[extra..]);
        Tuples.Advance(length + extra);
    }

    private void Int32Field(int value)
    {
        Int32(4);
        Int32(value);
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Tuples.GetSpan(2), value);
        Tuples.Advance(2);
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Tuples.GetSpan(4), value);
        Tuples.Advance(4);
    }

    private void Bytes(ReadOnlySpan<byte> bytes) => Tuples.Write(bytes);

    /// <summary>PostgreSQL's binary COPY signature, flags and header extension length (all zero).</summary>
    private static readonly byte[] Header =
        [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly byte[] Trailer = [0xFF, 0xFF];

    /// <summary>Writes the whole COPY stream (header, tuples, trailer) to <paramref name="copy"/>.</summary>
    public async Task WriteCopyAsync(Stream copy, CancellationToken ct)
    {
        await copy.WriteAsync(Header, ct);
        await copy.WriteAsync(Tuples.WrittenMemory, ct);
        await copy.WriteAsync(Trailer, ct);
    }
}
