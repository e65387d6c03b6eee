using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Node.Engine;

namespace Liberty.Node.Hosting;

/// <summary>The composed parts of a node that the task service is built from.</summary>
/// <param name="Options">The node's options.</param>
/// <param name="DataFolder">The full path of the data folder.</param>
/// <param name="System">The actor system.</param>
/// <param name="TaskHost">The task engine.</param>
/// <param name="Directory">The device directory.</param>
/// <param name="Bus">The device event bus.</param>
/// <param name="DeviceRegistry">The device registry actor.</param>
/// <param name="LoggerFactory">The node's logging.</param>
internal sealed record NodeParts(NodeOptions Options, string DataFolder, ActorSystem System, TaskHost TaskHost, DeviceDirectory Directory, DeviceEventBus Bus, IActorRef DeviceRegistry, ILoggerFactory LoggerFactory);
