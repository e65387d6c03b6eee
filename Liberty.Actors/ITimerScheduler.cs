namespace Liberty.Actors;

/// <summary>
/// Keyed timers that send messages to their own actor, on the system's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para><b>Keys:</b> starting a timer with a key that is active cancels the old one; a message of a
/// cancelled or replaced timer is never delivered, even if it was already in the mailbox.</para>
/// <para><b>Lifetime:</b> all timers are cancelled when the actor stops or restarts.</para>
/// <para><b>Thread safety:</b> use only from the actor's own message handling.</para>
/// </remarks>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="message">What to send.</param>
    /// <param name="delay">When.</param>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, first after one interval.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="message">What to send.</param>
    /// <param name="interval">The period.</param>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="message">What to send.</param>
    /// <param name="initialDelay">The first delay.</param>
    /// <param name="interval">The period.</param>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with <paramref name="key"/> is active.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when active.</returns>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    /// <param name="key">The key.</param>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}
