using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// One batch ready for its transaction (docs/decisions/0057): the accepted rows already encoded as PostgreSQL binary COPY
/// tuples of <c>import_stage</c>, the refused ones as tuples of <c>import_rejects</c> (with their original cells), and its
/// counts. Encoding the rejects here too takes them off the database connection's path: written value by value in the
/// transaction, they cost about 75 µs a row there. A batch waiting to be written holds a few bytes a row, not
/// the row objects, so the job's memory does not grow with the batch size (issue 15: under 300 MB for the app).
/// </summary>
internal sealed class StagedBatch
{
    /// <summary>Rows of the file this batch covers (accepted, duplicate in the batch, or rejected): the checkpoint moves by this.</summary>
    public int Rows { get; private set; }
    public int Staged { get; private set; }
    public int InBatchDuplicates { get; private set; }
    public int Rejected { get; private set; }
    /// <summary>The staged tuples without the COPY header and trailer (see <see cref="WriteCopyAsync"/>).</summary>
    public ArrayBufferWriter<byte> Tuples { get; } = new(64 * 1024);
    /// <summary>The rejected rows' tuples of <see cref="ImportSql.CopyRejects"/>, likewise.</summary>
    public ArrayBufferWriter<byte> RejectTuples { get; } = new(4 * 1024);

    // Keys of the batch's accepted rows: a later row sharing one is a duplicate in the file (the first row wins; rows of
    // earlier batches are leads by now and are matched in the database).
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sirens = new(StringComparer.Ordinal);
    private readonly bool _markDuplicates;
    private readonly Guid _importId;

    public StagedBatch(Guid importId, DuplicatePolicy policy) => (_importId, _markDuplicates) = (importId, policy != DuplicatePolicy.CreateAnyway);

    /// <summary>
    /// The batch before this one in the file, while this one fills: its keys are duplicates here too, because two writers
    /// merge neighbouring batches at the same time and this batch's merge cannot see that one's uncommitted leads
    /// (decision 0066). Batches further back have committed by then, and the database matches them.
    /// </summary>
    private StagedBatch? _previous;

    public StagedBatch(Guid importId, DuplicatePolicy policy, StagedBatch? previous) : this(importId, policy) => _previous = previous;

    /// <summary>
    /// Empties the batch for the next rows of the same import, keeping its buffers: a batch of 25,000 rows grows its tuple
    /// buffer to several megabytes (large-object heap), and a new one per batch left a million-row import with a gigabyte
    /// of such buffers for the GC to reclaim (docs/benchmarks.md, import-1m-memory).
    /// </summary>
    public StagedBatch Reset(StagedBatch? previous)
    {
        _previous = previous;
        Rows = Staged = InBatchDuplicates = Rejected = 0;
        Tuples.ResetWrittenCount();
        RejectTuples.ResetWrittenCount();
        _emails.Clear();
        _phones.Clear();
        _sirens.Clear();
        return this;
    }

    /// <summary>Adds the next row of the file (in file order) with the id the lead gets if it is created.</summary>
    public void Add(in ProcessedRow row, Guid id)
    {
        var ord = Rows++;
        if (row.Lead is not { } lead)
        {
            Rejected++;
            WriteReject(row.LineNumber, row.Error!, row.Values ?? []);
            return;
        }
        if (_markDuplicates)
        {
            if (Holds(lead) || _previous?.Holds(lead) == true)
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

    /// <summary>Whether an accepted row of this batch has one of <paramref name="lead"/>'s keys.</summary>
    private bool Holds(ImportedLead lead) =>
        (lead.Email is { } e && _emails.Contains(e)) || (lead.Phone is { } p && _phones.Contains(p)) || (lead.Siren is { } s && _sirens.Contains(s));

    /// <summary>The column order of <see cref="ImportSql.CopyStage"/>.</summary>
    private void WriteTuple(int ord, Guid id, ImportedLead lead)
    {
        var to = Tuples;
        Int16(to, 19);
        Int32Field(to, ord);
        Uuid(to, id);
        Text(to, lead.FirstName);
        Text(to, lead.LastName);
        Text(to, lead.JobTitle);
        Text(to, lead.Company);
        Text(to, lead.Email);
        Text(to, lead.Phone);
        Text(to, lead.Country);
        Int32(to, 1);
        to.Write([lead.CountryGiven ? (byte)1 : (byte)0]);
        Text(to, lead.City);
        Text(to, lead.Siren);
        Text(to, lead.Website);
        Text(to, lead.Domain);
        if (lead.CompanyEmployees is { } employees) Int32Field(to, employees); else Int32(to, -1);
        Text(to, lead.Source);
        // jsonb's binary form: a version byte (1), then the JSON text.
        if (lead.CustomFields is { } custom) Text(to, custom, prefix: 1); else Int32(to, -1);
        Text(to, lead.TimeZone);
        Int32Field(to, lead.Score);
    }

    /// <summary>The column order of <see cref="ImportSql.CopyRejects"/>: import_id, line_number, reason, values (text[]).</summary>
    private void WriteReject(long lineNumber, string reason, string[] values)
    {
        var to = RejectTuples;
        Int16(to, 4);
        Uuid(to, _importId);
        Int32(to, 8);
        BinaryPrimitives.WriteInt64BigEndian(to.GetSpan(8), lineNumber);
        to.Advance(8);
        Text(to, reason);
        // An array's binary form: dimensions (0 for an empty one), a has-nulls flag, the element type (text, OID 25), then
        // each dimension's length and lower bound (1), then the elements as length-prefixed values (-1 for null).
        var hasNull = false;
        var length = values.Length == 0 ? 12 : 20;
        foreach (var value in values)
        {
            hasNull |= value is null;
            length += 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));
        }
        Int32(to, length);
        Int32(to, values.Length == 0 ? 0 : 1);
        Int32(to, hasNull ? 1 : 0);
        Int32(to, TextTypeOid);
        if (values.Length > 0)
        {
            Int32(to, values.Length);
            Int32(to, 1);
        }
        foreach (var value in values) Text(to, value);
    }

    private const int TextTypeOid = 25;

    private static void Uuid(ArrayBufferWriter<byte> to, Guid id)
    {
        Int32(to, 16);
        id.TryWriteBytes(to.GetSpan(16), bigEndian: true, out _);
        to.Advance(16);
    }

    private static void Text(ArrayBufferWriter<byte> to, string? value, byte? prefix = null)
    {
        if (value is null)
        {
            Int32(to, -1);
            return;
        }
        var extra = prefix is null ? 0 : 1;
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(to, length + extra);
        var span = to.GetSpan(length + extra);
        if (prefix is { } b) span[0] = b;
        Encoding.UTF8.GetBytes(value, span[extra..]);
        to.Advance(length + extra);
    }

    private static void Int32Field(ArrayBufferWriter<byte> to, int value)
    {
        Int32(to, 4);
        Int32(to, value);
    }

    private static void Int16(ArrayBufferWriter<byte> to, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(to.GetSpan(2), value);
        to.Advance(2);
    }

    private static void Int32(ArrayBufferWriter<byte> to, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(to.GetSpan(4), value);
        to.Advance(4);
    }

    /// <summary>PostgreSQL's binary COPY signature, flags and header extension length (all zero).</summary>
    private static readonly byte[] Header =
        [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly byte[] Trailer = [0xFF, 0xFF];

    /// <summary>Writes a whole COPY stream (header, <paramref name="tuples"/>, trailer) to <paramref name="copy"/>.</summary>
    public static async Task WriteCopyAsync(Stream copy, ReadOnlyMemory<byte> tuples, CancellationToken ct)
    {
        await copy.WriteAsync(Header, ct);
        await copy.WriteAsync(tuples, ct);
        await copy.WriteAsync(Trailer, ct);
    }
}
