namespace IdeaHub.LlamaCpp;
