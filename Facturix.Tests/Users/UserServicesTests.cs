using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

public sealed class UserServicesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Preferences_default_to_French_light_and_are_remembered_per_user()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.BusinessDeveloper);
        var preferences = Get<IUserPreferencesService>();
        Assert.Equal(new UserPreferences("fr", false), await preferences.GetAsync(bd));

        await preferences.SetCultureAsync(bd, "en-GB");
        await preferences.SetDarkModeAsync(bd, true);

        Assert.Equal(new UserPreferences("en", true), await preferences.GetAsync(bd));
        Assert.Equal(new UserPreferences("fr", false), await preferences.GetAsync(colleague));
    }

    [Fact]
    public async Task A_dashboard_opens_on_the_team_for_a_manager_and_on_ones_own_figures_for_a_BD_until_they_choose()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var preferences = Get<IUserPreferencesService>();

        Assert.Equal(new DashboardPreferences(MetricsScope.Team, DashboardPeriod.Default), await preferences.GetDashboardAsync(manager));
        Assert.Equal(new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default), await preferences.GetDashboardAsync(bd));

        var ownFigures = new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default);
        await preferences.SetDashboardAsync(manager, ownFigures);
        Assert.Equal(ownFigures, await preferences.GetDashboardAsync(manager));
    }

    [Fact]
    public async Task A_remembered_dashboard_period_out_of_bounds_falls_back_to_the_default_and_is_no_longer_accepted()
    {
        // What an earlier version saved for a typo'd year 1: every later visit failed to compute the previous period.
        var manager = await Given.UserAsync(Roles.Manager);
        var broken = new DashboardPreferences(MetricsScope.Mine, new DashboardPeriod(PeriodKind.Custom, new DateOnly(1, 1, 1), new DateOnly(1, 1, 5)));
        var json = JsonSerializer.Serialize(broken, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == manager.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DashboardPreferences, json));
        var preferences = Get<IUserPreferencesService>();

        Assert.Equal(DashboardPreferences.DefaultFor(manager), await preferences.GetDashboardAsync(manager));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => preferences.SetDashboardAsync(manager, broken));
        Assert.Contains(refused.Errors, e => e.ErrorCode == DashboardErrors.PeriodOutOfRange);
    }

    [Fact]
    public async Task An_unsupported_language_is_stored_as_French()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Get<IUserPreferencesService>().SetCultureAsync(bd, "<script>");
        Assert.Equal("fr", (await Get<IUserPreferencesService>().GetAsync(bd)).Culture);
    }

    [Fact]
    public async Task The_directory_lists_staff_with_roles_and_lockout_for_admins()
    {
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        var bd = await Given.UserAsync(Roles.BusinessDeveloper, "caller@test.local");
        await using (var db = NewDb())
            await db.Users.Where(u => u.Id == bd.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10)));

        var users = await Get<IUserDirectory>().ListAsync(admin);

        Assert.Equal(["boss@test.local", "caller@test.local"], users.Select(u => u.Email));
        Assert.Equal([Roles.Admin], users[0].Roles);
        Assert.False(users[0].LockedOut);
        Assert.True(users[1].LockedOut);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.BusinessDeveloper)]
    public async Task Only_admins_may_list_staff(string role)
    {
        var someone = await Given.UserAsync(role);
        await Assert.ThrowsAsync<ForbiddenException>(() => Get<IUserDirectory>().ListAsync(someone));
    }
}
