using IdeaHub.Cli;

return await ModelsCommand.RunAsync(args);
