using Liberty.Actors.Events;
using Xunit.Abstractions;

namespace Liberty.TestKit;

/// <summary>
/// Base class for actor specs under xunit (Akka.TestKit.Xunit2's <c>TestKit</c>): each test gets a
/// fresh <see cref="TestKitBase.Sys"/> and <see cref="TestKitBase.TestActor"/>; the system is
/// terminated when xunit disposes the test class.
/// </summary>
/// <remarks>
/// Pass xunit's <see cref="ITestOutputHelper"/> to see the system's warnings and errors (not muted by
/// an <see cref="EventFilter"/>) in the test output. With <see cref="TestKitOptions.VirtualTime"/>,
/// all timers of the system run on <see cref="Time"/> and move only through <see cref="Advance"/>.
/// </remarks>
public abstract class TestKit : TestKitBase, IDisposable
{
    private bool _disposed;

    /// <summary>Creates the system and the test actor.</summary>
    /// <param name="output">xunit's test output, or null.</param>
    /// <param name="options">Set-up options, or null for defaults.</param>
    protected TestKit(ITestOutputHelper? output = null, TestKitOptions? options = null)
    {
        options ??= new TestKitOptions();
        Time = options.VirtualTime ? new ManualTimeProvider() : null;
        var systemOptions = new ActorSystemOptions { LogLevel = LogLevel.Debug };
        if (Time is not null)
        {
            systemOptions.TimeProvider = Time;
        }
        options.ConfigureSystem?.Invoke(systemOptions);
        var system = ActorSystem.Create(options.SystemName, systemOptions);
        Interceptor = new EventInterceptor(output, options.OutputLogLevel);
        system.EventStream.Subscribe(Interceptor, typeof(LogEvent));
        system.EventStream.Subscribe(Interceptor, typeof(DeadLetter));
        system.EventStream.Subscribe(Interceptor, typeof(UnhandledMessage));
        EventFilter = new EventFilterFactory(this);
        InitializeTestActor(system, "testActor");
    }

    /// <summary>The virtual clock, when the kit was created with <see cref="TestKitOptions.VirtualTime"/>; otherwise null.</summary>
    public ManualTimeProvider? Time { get; }

    /// <summary>Builds event filters for log, dead-letter and unhandled-message assertions.</summary>
    public EventFilterFactory EventFilter { get; }

    internal EventInterceptor Interceptor { get; }

    /// <summary>Moves virtual time forward, firing due timers in deadline order before returning.</summary>
    /// <param name="delta">How far.</param>
    /// <exception cref="InvalidOperationException">The kit does not use virtual time.</exception>
    public void Advance(TimeSpan delta)
    {
        if (Time is null)
        {
            throw new InvalidOperationException("Advance needs virtual time: create the kit with new TestKitOptions { VirtualTime = true }.");
        }
        Time.Advance(delta);
    }

    /// <summary>Terminates the system (waiting up to 10 s).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }
        _disposed = true;
        if (!Sys.Terminate().Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"{Sys} did not terminate within 10 s: an actor is probably blocking its thread.");
        }
    }
}
