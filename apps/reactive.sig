{
  "Functions": [
    {
      "NativeName": "Blink",
      "Parameters": [
        { "ID": 1, "NativeName": "period", "Type": "Number", "Attributes": [{ "Name": "NumberMin", "Value": "10" }, { "Name": "Default", "Value": "1000" }] },
        { "ID": 2, "NativeName": "count", "Type": "Number", "Attributes": [{ "Name": "NumberMin", "Value": "0" }, { "Name": "NumberStep", "Value": "1" }, { "Name": "Default", "Value": "0" }] }
      ]
    }
  ]
}
