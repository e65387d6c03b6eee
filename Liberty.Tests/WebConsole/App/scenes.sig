{
  "Types": [
    {
      "ID": 20, "NativeName": "Mood", "Type": "Enumeration",
      "Children": [ { "ID": 21, "NativeName": "Calm" }, { "ID": 22, "NativeName": "Bright" }, { "ID": 23, "NativeName": "Party" } ]
    },
    {
      "ID": 30, "NativeName": "Group", "Type": "Table",
      "Children": [
        { "ID": 31, "NativeName": "name", "Type": "String", "Attributes": [ { "Name": "TableHeader", "Value": "" }, { "Name": "Unique", "Value": "" } ] },
        {
          "ID": 32, "NativeName": "lights", "Type": "List",
          "Children": [ { "ID": 33, "NativeName": "", "Type": "Device", "Attributes": [ { "Name": "DeviceType", "Value": "1,ffff,6" }, { "Name": "Unique", "Value": "" } ] } ],
          "Attributes": [ { "Name": "SizeMin", "Value": "1" }, { "Name": "SizeMax", "Value": "4" } ]
        },
        {
          "ID": 34, "NativeName": "brightness", "Type": "Number",
          "Attributes": [ { "Name": "NumberMin", "Value": "0" }, { "Name": "NumberMax", "Value": "100" }, { "Name": "NumberStep", "Value": "5" },
                          { "Name": "ShowPercentage", "Value": "" }, { "Name": "Default", "Value": "50" } ]
        }
      ]
    }
  ],
  "Functions": [
    {
      "ID": 1, "NativeName": "Scenes",
      "Parameters": [
        { "ID": 2, "NativeName": "groups", "Type": "List", "Children": [ { "ID": 3, "NativeName": "", "Type": "Group", "BuiltinType": false } ], "Attributes": [ { "Name": "SizeMin", "Value": "1" } ] },
        { "ID": 4, "NativeName": "mood", "Type": "Mood", "BuiltinType": false },
        { "ID": 5, "NativeName": "setpoint", "Type": "Number", "Attributes": [ { "Name": "PhysicalQuantity", "Value": "1|Cel,7,30,0.5" }, { "Name": "Default", "Value": "20" } ] },
        { "ID": 6, "NativeName": "wake", "Type": "TimeOnly", "Attributes": [ { "Name": "Nullable", "Value": "" } ] },
        { "ID": 7, "NativeName": "indicator", "Type": "VirtualDevice", "Attributes": [ { "Name": "VirtualDevice", "Value": "1,100,6" }, { "Name": "Nullable", "Value": "" } ] }
      ]
    }
  ]
}
