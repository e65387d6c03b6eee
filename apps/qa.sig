{
  "Functions": [
    { "NativeName": "Freeze", "Parameters": [] },
    { "NativeName": "LogFlood", "Parameters": [ { "ID": 1, "NativeName": "lines", "Type": "Number", "Attributes": [{ "Name": "NumberMin", "Value": "1" }, { "Name": "Default", "Value": "100000" }] } ] },
    { "NativeName": "MemoryBomb", "Parameters": [] },
    { "NativeName": "ThreadExit", "Parameters": [] }
  ]
}
