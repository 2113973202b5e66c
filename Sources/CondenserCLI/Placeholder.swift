enum _PlaceholderCondenserCLI {}
