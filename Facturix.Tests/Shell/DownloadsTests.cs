using Facturix.App.Shell;
using Facturix.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Facturix.Tests.Shell;

/// <summary>The CSV endpoints' shared writer: a refusal before the first byte is its own status, not a 500.</summary>
public sealed class DownloadsTests
{
    public static TheoryData<Exception, int> Refusals => new()
    {
        { new NotFoundException("lead", Guid.NewGuid()), 404 },
        { new ForbiddenException("forbidden.capability"), 403 },
        { new ValidationException("bad separator"), 400 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_before_the_first_byte_is_the_status_it_means(Exception refusal, int status)
    {
        var http = new DefaultHttpContext();
        http.Response.ContentType = "text/csv";

        var result = await Downloads.WriteAsync(http, () => throw refusal);

        Assert.Equal(status, Assert.IsType<StatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task Anything_else_still_fails_loudly()
    {
        var http = new DefaultHttpContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Downloads.WriteAsync(http, () => throw new InvalidOperationException("bug")));
    }
}
