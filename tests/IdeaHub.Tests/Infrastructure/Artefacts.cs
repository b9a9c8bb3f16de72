using Microsoft.Playwright;

namespace IdeaHub.Tests.Infrastructure;

/// <summary>Screenshots kept as test artefacts (IDEAHUB_ARTEFACTS, default TestResults/screenshots under the test output).</summary>
public static class Artefacts
{
    public static string Folder
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("IDEAHUB_ARTEFACTS")
                ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
}
