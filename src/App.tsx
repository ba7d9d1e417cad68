/** The application shell. A placeholder until the timeline and panels land. */
export function App() {
  return (
    <main className="app">
      <h1>Synod</h1>
      <p className="tagline">Paxos, step by step</p>
    </main>
  )
}
