namespace Liberty.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works_True() => Assert.Equal(2, 1 + 1);
}
