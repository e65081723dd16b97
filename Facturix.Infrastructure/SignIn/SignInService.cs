using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.SignIn;

public sealed record SignInAttempt(string Email, string Password, bool RememberMe, SignInClient Client);

/// <summary>What the sign-in page shows. Unknown email and wrong password are one outcome on purpose.</summary>
public enum SignInOutcome { Succeeded, InvalidCredentials, LockedOut, NotAllowed, RateLimited }

/// <summary>The outcome, and on success the person's id and saved language (the page sets the culture cookie).</summary>
public sealed record SignInAttemptResult(SignInOutcome Outcome, Guid? UserId = null, string? Culture = null);

/// <summary>
/// Password sign-in hardened to ASVS level 2: throttled per IP and per email, the same answer and a comparable
/// time whether the email exists or not, every outcome audited. Sets the cookie on success (static page only).
/// </summary>
public interface ISignInService
{
    Task<SignInAttemptResult> SignInAsync(SignInAttempt attempt, CancellationToken ct = default);
}

/// <summary>Scoped: uses Identity's SignInManager and UserManager.</summary>
internal sealed class SignInService(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    SignInThrottle throttle,
    ISignInAudit audit,
    ILogger<SignInService> logger) : ISignInService
{
    public async Task<SignInAttemptResult> SignInAsync(SignInAttempt attempt, CancellationToken ct = default)
    {
        var email = attempt.Email.Trim();
        if (!throttle.TryAcquire(attempt.Client.Ip, email))
        {
            if (throttle.ShouldAuditRefusal(attempt.Client.Ip))
                await audit.RecordAsync(SignInAuditActions.RateLimited, null, email, attempt.Client, ct);
            else
                logger.LogWarning("Sign-in refusals from {ClientIp} past the audit's own limit: not audited", attempt.Client.Ip);
            return new SignInAttemptResult(SignInOutcome.RateLimited);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Spend the time a real check takes, so the answer's delay does not say the email is unknown.
            DummyPassword.Verify(hasher, attempt.Password);
            return await Outcome(SignInOutcome.InvalidCredentials, SignInAuditActions.UnknownEmail, null, email, attempt, ct);
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without hashing: hash anyway, for the same reason.
            DummyPassword.Verify(hasher, attempt.Password);
            return await Outcome(SignInOutcome.LockedOut, SignInAuditActions.LockedOut, user.Id, email, attempt, ct);
        }

        var result = await signInManager.PasswordSignInAsync(user, attempt.Password, attempt.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(SignInAuditActions.Succeeded, user.Id, email, attempt.Client, ct);
            return new SignInAttemptResult(SignInOutcome.Succeeded, user.Id, user.Culture);
        }
        if (result.IsLockedOut)
        {
            // This attempt locked the account (a locked one was answered above without trying the password).
            await audit.RecordLockoutAsync(user.Id, email, attempt.Client, ct);
            return new SignInAttemptResult(SignInOutcome.LockedOut, user.Id);
        }
        if (result.IsNotAllowed)
        {
            // Identity refuses a deactivated account before looking at the password: only someone who knows the
            // password may learn that the account exists but is not allowed; anyone else reads "wrong password".
            return await users.CheckPasswordAsync(user, attempt.Password)
                ? await Outcome(SignInOutcome.NotAllowed, SignInAuditActions.NotAllowed, user.Id, email, attempt, ct)
                : await Outcome(SignInOutcome.InvalidCredentials, SignInAuditActions.WrongPassword, user.Id, email, attempt, ct);
        }
        return await Outcome(SignInOutcome.InvalidCredentials, SignInAuditActions.WrongPassword, user.Id, email, attempt, ct);
    }

    private async Task<SignInAttemptResult> Outcome(
        SignInOutcome outcome, string action, Guid? userId, string email, SignInAttempt attempt, CancellationToken ct)
    {
        await audit.RecordAsync(action, userId, email, attempt.Client, ct);
        return new SignInAttemptResult(outcome, userId);
    }
}
