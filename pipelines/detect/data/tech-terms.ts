/**
 * Programming languages, frameworks, tools and widely known software/cloud products (lower-case).
 * Prompts about code mention them capitalized ("unit tests in TypeScript", "deploy to Kubernetes");
 * they are never personal data. General vocabulary, not drawn from any evaluation data.
 */
const WORDS = `
javascript typescript python java kotlin scala golang go rust ruby perl php swift objective-c haskell erlang elixir
clojure fortran cobol pascal delphi lua matlab bash powershell zsh sql mysql postgres postgresql sqlite mongodb redis
cassandra elasticsearch opensearch kafka rabbitmq zookeeper spark hadoop flink airflow dbt snowflake bigquery redshift
databricks tableau excel word powerpoint outlook onenote sharepoint teams slack zoom jira confluence trello notion asana
github gitlab bitbucket git svn docker kubernetes k8s helm terraform ansible puppet chef vagrant jenkins circleci travis
nginx apache tomcat node nodejs node.js deno bun npm yarn pnpm webpack vite babel eslint prettier jest mocha vitest
cypress playwright selenium react angular vue svelte nextjs next.js nuxt ember jquery bootstrap tailwind redux graphql
rest grpc json yaml xml html css sass less markdown latex django flask fastapi rails laravel symfony spring hibernate
dotnet .net asp.net blazor xamarin flutter dart unity unreal godot pytorch tensorflow keras numpy pandas scipy sklearn
jupyter anaconda conda pip linux ubuntu debian fedora centos redhat rhel alpine windows macos ios android ipados
chrome chromium firefox safari edge opera aws azure gcp lambda s3 ec2 cloudflare vercel netlify heroku firebase supabase
openai chatgpt gpt gpt-4 claude gemini llama copilot bard midjourney hugging huggingface langchain
google microsoft apple amazon meta facebook instagram whatsapp twitter youtube tiktok linkedin reddit netflix spotify
wikipedia stackoverflow iphone ipad macbook pixel galaxy kindle alexa siri cortana photoshop illustrator figma sketch
canva wordpress shopify stripe paypal salesforce oracle sap ibm intel nvidia amd qualcomm cisco vmware adobe dropbox
api apis sdk cli gui ui ux cpu gpu ram ssd http https tcp udp dns ssh ssl tls oauth jwt saml ldap cors csrf xss
regex async await promise promises typescript's python's javascript's
`;

export const TECH_TERMS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
