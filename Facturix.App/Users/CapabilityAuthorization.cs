using Facturix.App.Shell;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Facturix.App.Users;

/// <summary>
/// A page (or endpoint) that needs a capability: <c>@attribute [RequireCapability(Capability.UsersManage)]</c>.
/// Pages without it still need an active staff member (the default policy).
/// </summary>
public sealed class RequireCapabilityAttribute(Capability capability) : AuthorizeAttribute(CapabilityPolicies.PolicyName(capability))
{
    public Capability Capability { get; } = capability;
}

/// <summary>Met when the actor resolved from the database is active and, when one is named, holds the capability.</summary>
public sealed class CapabilityRequirement(Capability? capability) : IAuthorizationRequirement
{
    public Capability? Capability { get; } = capability;
}

/// <summary>Scoped: it reads the circuit's (or request's) <see cref="ActorAccessor"/>, which follows access changes live.</summary>
public sealed class CapabilityAuthorizationHandler(ActorAccessor actors) : AuthorizationHandler<CapabilityRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CapabilityRequirement requirement)
    {
        var actor = await actors.ForPrincipalAsync(context.User);
        if (actor is { IsActive: true } && (requirement.Capability is not { } needed || actor.Can(needed)))
            context.Succeed(requirement);
    }
}

/// <summary>Builds the "capability:leads.export" policies on demand, next to the default policy "an active staff member" (<see cref="ActiveStaff"/>, set in ShellSetup).</summary>
public sealed class CapabilityPolicies(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private const string Prefix = "capability:";

    public static string PolicyName(Capability capability) => Prefix + capability.Key();

    public static AuthorizationPolicy ActiveStaff { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser().AddRequirements(new CapabilityRequirement(null)).Build();

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Prefix, StringComparison.Ordinal) && Capabilities.TryParse(policyName[Prefix.Length..], out var capability))
            return Task.FromResult<AuthorizationPolicy?>(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().AddRequirements(new CapabilityRequirement(capability)).Build());
        return base.GetPolicyAsync(policyName);
    }
}
