namespace Liberty.Devices;
