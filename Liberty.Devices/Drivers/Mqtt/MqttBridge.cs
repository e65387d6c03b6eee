using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Turns what arrives from the broker into devices: announcements of the discovery sources become devices adopted
/// through the <see cref="DeviceRegistry"/> (named <c>&lt;node&gt;/&lt;friendly name&gt;</c>) and withdrawn when the
/// source stops announcing them; every other message goes, by exact topic, to the device actors whose devices listen on
/// it (<see cref="DeliverToDriver"/>), and connection changes go to all of them. Messages for the node's own published
/// devices go to the <see cref="HomeAssistantExporter"/>.
/// </summary>
/// <remarks>
/// Retained state often arrives before the device it belongs to has been adopted: the last message of each such topic
/// is kept (at most <see cref="TopicMemory"/> topics) and handed to the device once its actor exists. A malformed
/// announcement, and a device that cannot be adopted, is logged once until it changes.
/// </remarks>
internal sealed class MqttBridge : ReceiveActor
{
    /// <summary>How many topics' last message the bridge remembers for devices not adopted yet.</summary>
    public const int TopicMemory = 10_000;

    private readonly string _node;
    private readonly IMqttPublisher _publisher;
    private readonly IActorRef _registry;
    private readonly IActorRef? _exporter;
    private readonly TimeSpan _commandTimeout;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IMqttDiscoverySource> _sources;
    private readonly Func<string, bool> _isExporterTopic;
    private readonly Dictionary<string, Adopted> _adopted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Adopted>> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MqttMessage> _remembered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _logged = new(StringComparer.Ordinal);
    private bool _connected;
    private bool _memoryFullLogged;

    public MqttBridge(string node, IMqttPublisher publisher, IActorRef registry, IActorRef? exporter, Func<string, bool> isExporterTopic, TimeSpan commandTimeout,
        IReadOnlyList<IMqttDiscoverySource> sources, ILoggerFactory loggerFactory)
    {
        _node = node;
        _publisher = publisher;
        _registry = registry;
        _exporter = exporter;
        _isExporterTopic = isExporterTopic;
        _commandTimeout = commandTimeout;
        _sources = sources;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MqttBridge>();
        Receive<MqttMessage>(OnMessage);
        Receive<MqttConnectionChanged>(change =>
        {
            _connected = change.Connected;
            foreach (var adopted in _adopted.Values)
            {
                adopted.Actor?.Tell(new DeliverToDriver(change));
            }
            _exporter?.Tell(change);
        });
        Receive<AdoptionAnswered>(OnAdoptionAnswered);
        Receive<Terminated>(t =>
        {
            // Removed by an operator (or failed): forget it, so the next announcement adopts it again.
            foreach (var adopted in _adopted.Values.Where(a => t.ActorRef.Equals(a.Actor)).ToList())
            {
                Forget(adopted);
            }
        });
    }

    /// <summary>The recipe for the bridge.</summary>
    public static Props Props(string node, IMqttPublisher publisher, IActorRef registry, IActorRef? exporter, Func<string, bool> isExporterTopic, TimeSpan commandTimeout,
        IReadOnlyList<IMqttDiscoverySource> sources, ILoggerFactory loggerFactory) =>
        Akka.Actor.Props.Create(() => new MqttBridge(node, publisher, registry, exporter, isExporterTopic, commandTimeout, sources, loggerFactory));

    private void OnMessage(MqttMessage message)
    {
        foreach (var source in _sources)
        {
            if (source.TryDiscover(message, out var discovery))
            {
                Apply(source, discovery);
                return;
            }
        }
        if (_exporter is not null && _isExporterTopic(message.Topic))
        {
            _exporter.Tell(message);
            return;
        }
        var delivered = false;
        if (_byTopic.TryGetValue(message.Topic, out var listeners))
        {
            foreach (var adopted in listeners)
            {
                if (adopted.Actor is { } actor)
                {
                    actor.Tell(new DeliverToDriver(message));
                    delivered = true;
                }
            }
        }
        if (!delivered)
        {
            Remember(message);
        }
    }

    private void Apply(IMqttDiscoverySource source, MqttDiscovery discovery)
    {
        if (discovery.Error is { } error)
        {
            if (_logged.Add("malformed|" + discovery.Key))
            {
                MqttLog.Malformed(_logger, discovery.Key, error);
            }
            return;
        }
        _logged.Remove("malformed|" + discovery.Key);
        foreach (var skipped in discovery.Skipped)
        {
            if (_logged.Add("skipped|" + skipped))
            {
                MqttLog.NotAdopted(_logger, source.Name, skipped);
            }
        }
        var announced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in discovery.Devices)
        {
            var name = device.LocalName;
            announced.Add(name);
            if (_adopted.TryGetValue(name, out var existing))
            {
                if (existing.Key != discovery.Key)
                {
                    if (_logged.Add("taken|" + discovery.Key + "|" + name))
                    {
                        MqttLog.NotAdopted(_logger, source.Name, $"'{name}' ({discovery.Key}): the name is taken by a device from {existing.Device.Source} ({existing.Key})");
                    }
                    announced.Remove(name);
                    continue;
                }
                if (existing.Device.Signature == device.Signature)
                {
                    continue;
                }
                Withdraw(existing, "announced again with other clusters or topics");
            }
            Adopt(discovery.Key, device);
        }
        if (_byKey.TryGetValue(discovery.Key, out var before))
        {
            foreach (var name in before.Where(n => !announced.Contains(n)).ToList())
            {
                if (_adopted.TryGetValue(name, out var gone))
                {
                    Withdraw(gone, "no longer announced");
                }
            }
        }
    }

    private void Adopt(string key, MqttDevice device)
    {
        var name = device.LocalName;
        if (!DeviceId.TryParse(_node + "/" + name, out var id, out var nameError))
        {
            if (_logged.Add("name|" + key + "|" + name))
            {
                MqttLog.NotAdopted(_logger, device.Source, $"'{device.FriendlyName}': {nameError}");
            }
            return;
        }
        var adopted = new Adopted(key, device);
        _adopted[name] = adopted;
        if (!_byKey.TryGetValue(key, out var names))
        {
            _byKey[key] = names = new HashSet<string>(StringComparer.Ordinal);
        }
        names.Add(name);
        foreach (var topic in device.Topics)
        {
            if (!_byTopic.TryGetValue(topic, out var listeners))
            {
                _byTopic[topic] = listeners = [];
            }
            listeners.Add(adopted);
        }
        foreach (var filter in device.Subscriptions)
        {
            _publisher.Subscribe(filter);
        }
        var driver = new MqttDeviceDriver(id, device, _publisher, _connected, _commandTimeout, _loggerFactory.CreateLogger("Liberty.Devices." + id.Name));
        _registry.Ask<DeviceCreated>(new AdoptDevice(driver), TimeSpan.FromSeconds(30))
            .PipeTo(Self, success: created => new AdoptionAnswered(adopted, created, null), failure: e => new AdoptionAnswered(adopted, null, e.GetBaseException().Message));
    }

    private void OnAdoptionAnswered(AdoptionAnswered answer)
    {
        var adopted = answer.Adopted;
        if (!_adopted.TryGetValue(adopted.Device.LocalName, out var current) || !ReferenceEquals(current, adopted))
        {
            // Withdrawn while the registry was creating it.
            if (answer.Created is { } stale)
            {
                _registry.Tell(new RemoveDevice(stale.Info.Id.Name));
            }
            return;
        }
        if (answer.Created is not { } created)
        {
            MqttLog.NotAdopted(_logger, adopted.Device.Source, $"'{adopted.Device.FriendlyName}': {answer.Error}");
            Forget(adopted);
            return;
        }
        adopted.Actor = created.Actor;
        Context.Watch(created.Actor);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var type = DeviceTypes.GetName(created.Info.DeviceType);
            var clusters = string.Join(", ", created.Info.Clusters.Select(ClusterIds.GetName));
            MqttLog.Adopted(_logger, created.Info.Id.Name, adopted.Device.Source, type, clusters);
        }
        if (_connected)
        {
            created.Actor.Tell(new DeliverToDriver(new MqttConnectionChanged(true, "connected")));
        }
        foreach (var topic in adopted.Device.Topics)
        {
            if (_remembered.Remove(topic, out var message))
            {
                created.Actor.Tell(new DeliverToDriver(message));
            }
        }
    }

    private void Withdraw(Adopted adopted, string why)
    {
        Forget(adopted);
        if (adopted.Actor is { } actor)
        {
            Context.Unwatch(actor);
            _registry.Tell(new RemoveDevice(_node + "/" + adopted.Device.LocalName));
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var name = _node + "/" + adopted.Device.LocalName;
                var source = $"{adopted.Device.Source} ({why})";
                MqttLog.Withdrawn(_logger, name, source);
            }
        }
    }

    private void Forget(Adopted adopted)
    {
        var name = adopted.Device.LocalName;
        if (_adopted.TryGetValue(name, out var current) && ReferenceEquals(current, adopted))
        {
            _adopted.Remove(name);
        }
        if (_byKey.TryGetValue(adopted.Key, out var names))
        {
            names.Remove(name);
        }
        foreach (var topic in adopted.Device.Topics)
        {
            if (_byTopic.TryGetValue(topic, out var listeners))
            {
                listeners.Remove(adopted);
                if (listeners.Count == 0)
                {
                    _byTopic.Remove(topic);
                }
            }
        }
    }

    private void Remember(MqttMessage message)
    {
        if (_remembered.Count >= TopicMemory && !_remembered.ContainsKey(message.Topic))
        {
            if (!_memoryFullLogged)
            {
                _memoryFullLogged = true;
                MqttLog.CacheFull(_logger, TopicMemory);
            }
            return;
        }
        _remembered[message.Topic] = message;
    }

    private sealed class Adopted(string key, MqttDevice device)
    {
        public string Key { get; } = key;

        public MqttDevice Device { get; } = device;

        public IActorRef? Actor { get; set; }
    }

    private sealed record AdoptionAnswered(Adopted Adopted, DeviceCreated? Created, string? Error);
}
