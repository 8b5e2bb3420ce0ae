// A file the build published, fetched by a page: the one check every reader of Parquet and CSV makes.

/** The response for a URL, or the response to a fetch the page started early; either way one that succeeded. */
export async function fetched(file: string | Response): Promise<Response> {
  const response = typeof file === "string" ? await fetch(file) : file;
  if (!response.ok) throw new Error(`Could not load ${response.url || file}: HTTP ${response.status}. Rebuild the site (npm run build) to regenerate the data.`);
  return response;
}
