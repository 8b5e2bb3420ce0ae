// The repository's address as this build knows it (data-loaders/repository.ts), for pages' links to the docs.
import { repositoryUrl } from "../../data-loaders/repository.ts";

process.stdout.write(JSON.stringify({ url: repositoryUrl() }));
