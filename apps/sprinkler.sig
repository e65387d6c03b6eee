{
  "Types": [
    {
      "NativeName": "Weekday",
      "Type": "Enumeration",
      "Children": [
        { "NativeName": "Sunday" }, { "NativeName": "Monday" }, { "NativeName": "Tuesday" }, { "NativeName": "Wednesday" },
        { "NativeName": "Thursday" }, { "NativeName": "Friday" }, { "NativeName": "Saturday" }
      ]
    },
    {
      "NativeName": "Zone",
      "Type": "Table",
      "Children": [
        { "ID": 11, "NativeName": "day", "Type": "Weekday", "BuiltinType": false, "Attributes": [{ "Name": "TableHeader", "Value": "" }] },
        { "ID": 12, "NativeName": "start", "Type": "TimeOnly" },
        { "ID": 13, "NativeName": "minutes", "Type": "Number", "Attributes": [{ "Name": "NumberMin", "Value": "1" }, { "Name": "NumberMax", "Value": "120" }, { "Name": "NumberStep", "Value": "1" }, { "Name": "Default", "Value": "10" }] },
        { "ID": 14, "NativeName": "next", "Type": "Zone", "BuiltinType": false, "Attributes": [{ "Name": "Nullable", "Value": "" }] }
      ]
    }
  ],
  "Functions": [
    {
      "NativeName": "Sprinkler",
      "Parameters": [
        {
          "ID": 1,
          "NativeName": "valves",
          "Type": "List",
          "Children": [{ "ID": 2, "NativeName": "", "Type": "Device", "Attributes": [{ "Name": "DeviceType", "Value": "1,ffff,6" }, { "Name": "Unique", "Value": "" }] }],
          "Attributes": [{ "Name": "SizeMin", "Value": "1" }, { "Name": "Unordered", "Value": "" }]
        },
        { "ID": 3, "NativeName": "plan", "Type": "Zone", "BuiltinType": false }
      ]
    }
  ]
}
