using Facturix.App.Audit;
using Facturix.App.Users;
using Facturix.App.Users.Permissions;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.WebUtilities;

namespace Facturix.Tests.Audit;

public sealed class AuditFilterTests
{
    [Fact]
    public void Days_are_read_in_the_agencys_zone_and_the_to_day_is_included_whole()
    {
        // Paris is UTC+1 in winter, UTC+2 in summer.
        var query = new AuditFilter(From: new DateTime(2026, 11, 23), To: new DateTime(2026, 11, 24)).ToQuery();
        var summer = new AuditFilter(From: new DateTime(2026, 7, 1)).ToQuery();

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), summer.From);
    }

    [Fact]
    public void Days_at_the_calendars_edges_leave_their_bound_out_instead_of_throwing()
    {
        var parsed = AuditFilter.Parse(QueryHelpers.ParseQuery("?from=0001-01-01&to=9999-12-31"));

        var query = parsed.ToQuery();

        Assert.Equal((new DateTime(1, 1, 1), new DateTime(9999, 12, 31)), (parsed.From, parsed.To));
        Assert.Null(query.From);
        Assert.Null(query.To);
        Assert.Equal(new DateTimeOffset(9999, 12, 30, 23, 0, 0, TimeSpan.Zero), new AuditFilter(To: new DateTime(9999, 12, 30)).ToQuery().To);
    }

    [Fact]
    public void The_export_link_carries_the_filters_and_the_endpoint_reads_them_back()
    {
        var filter = new AuditFilter(" bd1@facturix.local ", "lead.status-changed", "Acme & Co", new DateTime(2026, 11, 1), new DateTime(2026, 11, 30));

        var url = filter.ExportUrl();
        var parsed = AuditFilter.Parse(QueryHelpers.ParseQuery(new Uri("http://x" + url).Query));

        Assert.StartsWith("/admin/audit/export?", url);
        Assert.Equal(filter.ToQuery(), parsed.ToQuery());
        Assert.Equal("/admin/audit/export", new AuditFilter().ExportUrl());
        Assert.True(new AuditFilter(ActorEmail: "  ").IsEmpty);
    }

    [Fact]
    public void Each_admin_page_demands_its_own_capability()
    {
        static Capability Demanded(Type page) =>
            ((RequireCapabilityAttribute)Attribute.GetCustomAttribute(page, typeof(RequireCapabilityAttribute))!).Capability;

        Assert.Equal(Capability.AuditRead, Demanded(typeof(AuditLogPage)));
        Assert.Equal(Capability.PermissionsManage, Demanded(typeof(PermissionsPage)));
    }
}
