using Facturix.Domain.Common;
using Facturix.Infrastructure.Audit;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Audit;

/// <summary>An audit label longer than its column is shortened without splitting a character, so the change it records still saves.</summary>
public sealed class AuditLabelClipTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_label_cut_inside_an_emoji_keeps_the_emoji_whole_and_the_row_saves()
    {
        var admin = await Given.UserAsync(Domain.Users.Roles.Admin);
        // "Jean Dupont · " + a company whose emoji straddles the 200th character: cut there, Npgsql refused the half.
        var label = "Jean Dupont · " + new string('x', 185) + "😀" + new string('y', 12);
        Assert.True(char.IsHighSurrogate(label[199]));
        await using (var raw = NewDb())
            await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.SqlQueryRaw<string>("SELECT {0} AS \"Value\"", label[..200]).ToListAsync());

        await using (var db = NewDb())
        {
            db.Audit(admin, Fixture.Clock.GetUtcNow(), "lead.updated", "lead", Guid.NewGuid(), label);
            await db.SaveChangesAsync();
        }

        await using var read = NewDb();
        var stored = await read.AuditEvents.AsNoTracking().Where(e => e.Action == "lead.updated").Select(e => e.TargetLabel).SingleAsync();
        Assert.Equal(label[..199], stored);
    }

    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("ab😀", 3, "ab")]
    [InlineData("ab😀", 4, "ab😀")]
    [InlineData(null, 3, null)]
    public void Clip_never_leaves_half_a_character(string? text, int max, string? expected) =>
        Assert.Equal(expected, TextClip.Clip(text, max));
}
