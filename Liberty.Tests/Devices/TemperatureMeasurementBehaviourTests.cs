using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class TemperatureMeasurementBehaviourTests
{
    [Fact]
    public void TrySetMeasuredValue_InRange_ReportsWithSource()
    {
        var set = new ClusterSet();
        var sensor = set.Add(new TemperatureMeasurementBehaviour(set.Table, 2150));
        set.Table.TakeChanges();

        Assert.True(sensor.TrySetMeasuredValue(2175, EventSource.Report));

        var report = Assert.Single(set.TakeReports(1));
        Assert.Equal((AttributeValue)2175L, report.Affected![AttributeIds.TemperatureMeasurement.MeasuredValue]);
        Assert.Equal(EventSource.Report, report.Source);
    }

    [Fact]
    public void TrySetMeasuredValue_OutOfRange_FalseAndUnchanged()
    {
        var set = new ClusterSet();
        var sensor = set.Add(new TemperatureMeasurementBehaviour(set.Table, 2150, minMeasured: 0, maxMeasured: 5000));

        Assert.False(sensor.TrySetMeasuredValue(5001, EventSource.Report));
        Assert.Equal(2150, sensor.MeasuredValue);
    }

    [Fact]
    public void Write_MeasuredValue_ReadOnly()
    {
        var set = new ClusterSet();
        set.Add(new TemperatureMeasurementBehaviour(set.Table, 2150));

        var result = set.Write(new AttributeWrite(ClusterIds.TemperatureMeasurement, new Dictionary<int, AttributeValue> { [0] = 1L }, EventSource.AppEngine), DateTimeOffset.UnixEpoch);

        Assert.Equal(CommandStatus.ReadOnly, result.Status);
    }
}
