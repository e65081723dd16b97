using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>Domain rules of the actor: the default matrix, the guard, the culture preference.</summary>
public sealed class ActorRulesTests
{
    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Manager, false)]
    [InlineData(Roles.BusinessDeveloper, false)]
    public void By_default_only_admins_see_the_whole_agency(string role, bool expected) =>
        Assert.Equal(expected, Actor.WithDefaultCapabilities(Guid.NewGuid(), "x@y.fr", role).HasAgencyScope);

    [Fact]
    public void The_default_matrix_gives_admins_everything_managers_all_but_people_and_permissions_and_BDs_their_work()
    {
        Assert.Equal(Capabilities.All.ToHashSet(), RoleCapabilities.Defaults[Roles.Admin]);
        Assert.DoesNotContain(Capability.UsersManage, RoleCapabilities.Defaults[Roles.Manager]);
        Assert.DoesNotContain(Capability.PermissionsManage, RoleCapabilities.Defaults[Roles.Manager]);
        Assert.Contains(Capability.LeadsExport, RoleCapabilities.Defaults[Roles.Manager]);
        Assert.Equal(new HashSet<Capability> { Capability.WorkspaceWork, Capability.LeadsRead, Capability.LeadsEdit },
            RoleCapabilities.Defaults[Roles.BusinessDeveloper]);
    }

    [Fact]
    public void Every_capability_has_a_distinct_stable_key_that_parses_back()
    {
        Assert.Equal(Capabilities.All.Count, Capabilities.All.Select(c => c.Key()).Distinct().Count());
        Assert.All(Capabilities.All, c => Assert.True(Capabilities.TryParse(c.Key(), out var parsed) && parsed == c));
        Assert.Equal("leads.export", Capability.LeadsExport.Key());
        Assert.False(Capabilities.TryParse("leads.everything", out _));
    }

    [Fact]
    public void Demand_refuses_a_missing_capability_and_a_deactivated_actor_with_their_own_codes()
    {
        var bd = Actor.WithDefaultCapabilities(Guid.NewGuid(), "bd@y.fr", Roles.BusinessDeveloper);
        bd.Demand(Capability.LeadsEdit);

        var missing = Assert.Throws<ForbiddenException>(() => bd.Demand(Capability.LeadsExport));
        Assert.Equal((ErrorCodes.Forbidden, Capability.LeadsExport), (missing.Code, missing.Missing));

        var inactive = Assert.Throws<ForbiddenException>(() => (bd with { IsActive = false }).Demand(Capability.LeadsEdit));
        Assert.Equal(ErrorCodes.ForbiddenInactive, inactive.Code);
        Assert.False((bd with { IsActive = false }).Can(Capability.LeadsEdit));
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("EN", "en")]
    [InlineData("fr-FR", "fr")]
    [InlineData("de", "fr")]
    [InlineData(null, "fr")]
    [InlineData("", "fr")]
    public void Unsupported_cultures_fall_back_to_French(string? asked, string expected) =>
        Assert.Equal(expected, UserPreferences.NormalizeCulture(asked));
}
